"""Test-wide set-up, for tests/ and for the notebooks nbval runs from labs/ and teacher_guides/.

No test may touch a real class store: every kernel and process started by the tests inherits a
throwaway data folder.
"""
import os
import tempfile


def pytest_configure(config):
    if "CLASSLAB_TEST_DATA" not in os.environ:
        os.environ["CLASSLAB_TEST_DATA"] = tempfile.mkdtemp(prefix="classlab-test-data-")
    os.environ["CLASSLAB_DATA"] = os.environ["CLASSLAB_TEST_DATA"]
    os.environ.pop("CLASSLAB_DATABASE_URL", None)
