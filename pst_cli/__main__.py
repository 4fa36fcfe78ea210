"""The `pst` console script (and `python -m pst_cli`): the stored answers of `startup`, else the command line."""

from __future__ import annotations

import sys


def main() -> None:
    from pst_cli.startup import serve

    serve(sys.argv[1:])
    from pst_cli.cli import main as run

    run()


if __name__ == "__main__":
    main()
