"""What pst prints on a terminal beyond the check report: tables of status and votes, the progress of a render."""
