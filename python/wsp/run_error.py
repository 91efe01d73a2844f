"""The error wsp.run raises when a runtime cannot be found or a run fails; its own
module so that every runtime's runner (runner.py, simpler.py) can raise it without
importing another runner."""


class RunError(RuntimeError):
    """The runtime could not be found or the run failed (not a result mismatch)."""

    def __init__(self, message, log: str = "", run_dir=None):
        super().__init__(message)
        self.log = log
        self.run_dir = run_dir
