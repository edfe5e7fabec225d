"""A realistic demo job search, for `jobtui --demo`, screenshots and trying things out.

* :mod:`.stories`: the job search as data, one story per application (dates relative to now);
* :mod:`.schema`: the shape of a story;
* :mod:`.loader`: turns the stories into records through the Store (:func:`populate_demo`);
* :mod:`.folder`: the throwaway folder and environment a demo runs in.

The same "now" always gives exactly the same data: every id is fixed (:func:`demo_id`).
"""

from jobtui.io.demo.folder import DemoFolder, demo_environment, make_demo_folder, open_demo_store
from jobtui.io.demo.loader import DEMO_NAMESPACE, demo_id, populate_demo

__all__ = [
    "DEMO_NAMESPACE",
    "DemoFolder",
    "demo_environment",
    "demo_id",
    "make_demo_folder",
    "open_demo_store",
    "populate_demo",
]
