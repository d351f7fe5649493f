"""Entry point of the desktop bundle: the same `auditor` command line as the installed console script."""

import multiprocessing

from auditor.cli import run

if __name__ == "__main__":
    multiprocessing.freeze_support()      # a frozen app must answer the worker re-launch of multiprocessing
    run()
