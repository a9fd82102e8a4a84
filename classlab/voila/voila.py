"""Voila configuration for ClassLab's servers (`classlab serve` and the tests pass this folder).

The tree page at `/` becomes the gallery of labs: the "classlab" template (based on Voila's own
"lab" template, so lab pages render exactly as before) with the classic, Jinja-drawn tree, and a
page-config hook that hands it the labs read from their descriptions.
"""
import os
from pathlib import Path

from classlab.gallery import page_config_hook as gallery_hook

c = get_config()  # noqa: F821 - provided by traitlets when it runs this file

# Voila finds templates on the Jupyter data path, read when the template is looked up just after this file.
_templates = str(Path(__file__).resolve().parent / "templates")
if _templates not in os.environ.get("JUPYTER_PATH", "").split(os.pathsep):
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (_templates, os.environ.get("JUPYTER_PATH")) if p)

c.VoilaConfiguration.template = "classlab"
c.VoilaConfiguration.classic_tree = True


def page_config_hook(page_config, base_url="/", settings=None, log=None, voila_configuration=None, notebook_path="", **kw):
    """The gallery's hook, and for a lab page the title its description gives (the template puts it in <title>)."""
    page_config = gallery_hook(page_config, base_url=base_url, settings=settings, log=log,
                               voila_configuration=voila_configuration, notebook_path=notebook_path, **kw)
    root = getattr((settings or {}).get("contents_manager"), "root_dir", None)  # the served folder
    if root:
        from classlab import language

        language.use_labs(root)  # the served labs' own words, for titles said in a page's language
    if root and notebook_path.endswith(".ipynb"):
        from classlab.lab_format import LAB_SUFFIX, LabError, read

        description = Path(root) / (notebook_path[: -len(".ipynb")] + LAB_SUFFIX)
        if description.is_file():
            try:
                page_config["classlabTitle"] = read(description).description.title  # in English: voila.py's
                # NotebookRenderer says it in the page's language (only it knows the page's address)
            except LabError:  # a description with a mistake: the page still opens, titled from the notebook
                pass
    return page_config


c.VoilaConfiguration.page_config_hook = page_config_hook

# Guards every classroom server needs (see classlab/server_guards.py): only Jupyter's v1 kernel WebSocket
# protocol, kernels freed when their page closes and capped by --ClassLabKernelManager.max_pages, a kind /logout.
c.Voila.kernel_websocket_connection_class = "classlab.server_guards.V1OnlyKernelConnection"
c.VoilaConfiguration.multi_kernel_manager_class = "classlab.server_guards.ClassLabKernelManager"
c.PasswordIdentityProvider.logout_handler_class = "classlab.server_guards.LogoutPage"

# With a preheated pool (`classlab serve --preheat N`), a page rejoining its class from its address
# (`?class=…&group=…`) is run by a kernel of its own, which reads that address.
from classlab.server_guards import pool_only_for_plain_addresses  # noqa: E402

pool_only_for_plain_addresses()


def page_language_in_the_html() -> None:
    """A lab page's HTML says its language from the first byte (`<html lang>`, read by the template; its title and
    its heading), not only once the PageLanguage widget runs: `?lang=` in its address, else CLASSLAB_LANGUAGE, by
    the same rule as the page's kernel (classlab.language.choose). A page drawn ahead for the preheated pool has
    no address yet, so it gets the server's language (pages with an address get kernels of their own, see above)."""
    from voila.notebook_renderer import NotebookRenderer

    initialize = NotebookRenderer.initialize
    if getattr(initialize, "classlab", False):
        return

    async def initialize_with_language(self, **kwargs):
        await initialize(self, **kwargs)
        from classlab.language import choose, html_lang, lab_word, speaking

        handler = self.request_handler  # None for a page drawn ahead for the pool
        code = choose(handler.request.query if handler is not None else "")
        self.resources["classlab_lang"] = html_lang(code)
        title = (self.page_config or {}).get("classlabTitle")
        if title:  # the lab's title in the page's language, from the lab's catalogue (<title> says what the page is)
            with speaking(code):
                said = self.page_config["classlabTitle"] = lab_word(title)
            # and the notebook's own heading, as `classlab new` writes it (`# The Smarties investigation`)
            for cell in self.notebook.cells:
                if cell.cell_type == "markdown" and cell.source.strip() == f"# {title}":
                    cell.source = f"# {said}"

    initialize_with_language.classlab = True
    NotebookRenderer.initialize = initialize_with_language


page_language_in_the_html()


def gallery_language_from_its_address() -> None:
    """The gallery at `/` speaks the language its address asks for (`/?lang=cy`), else the server's: Voila's
    page-config hook is not given the request, so its query is handed over for the request's own time."""
    from voila.tornado.treehandler import TornadoVoilaTreeHandler

    get = TornadoVoilaTreeHandler.get
    if getattr(get, "classlab", False):
        return

    async def get_with_language(self, path=""):
        from classlab.gallery import ASKED

        asked = ASKED.set(self.request.query)
        try:
            return await get(self, path)
        finally:
            ASKED.reset(asked)

    get_with_language.classlab = True
    TornadoVoilaTreeHandler.get = get_with_language


gallery_language_from_its_address()
