"""The `pst` console script (and `python -m pst_cli`): the stored answers of `startup`, else the command line.

For `pst check`, the process does two more things that only a process can: it starts
parsing a large project before importing the rest (`project.pool.start_early`), and it
ends without tearing down, one by one, the hundreds of thousands of objects the check
built (a tenth of a second on a large project): nothing of a check is left to do at exit.
"""

from __future__ import annotations

import os
import signal
import sys


def main() -> None:
    from pst_cli.startup import check_folder, quit_before_work, serve

    signal.signal(signal.SIGINT, quit_before_work)
    signal.signal(signal.SIGTERM, quit_before_work)

    arguments = sys.argv[1:]
    serve(arguments)
    folder = check_folder(arguments)
    if folder is not None:
        from pst_cli.project.pool import start_early

        start_early(folder)
    from pst_cli.cli import main as run

    try:
        run()
    except SystemExit as ended:
        if folder is None:
            raise
        from pst_cli.project.pool import close_early

        close_early()
        code = ended.code if isinstance(ended.code, int) else 0 if ended.code is None else 1
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                code = code or 1
        os._exit(code)


if __name__ == "__main__":
    main()
