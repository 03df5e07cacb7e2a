"""The HTML report and the ``helder serve`` page in a real browser: headless Chromium through Selenium.

Needs Debian's ``chromium`` and ``chromium-driver`` (``/usr/bin/chromium``, ``/usr/bin/chromedriver``)
and the Python package ``selenium``; skips with a message when one is missing. Never downloads a
browser. Screenshots go to the test's tmp_path; with ``HELDER_SCREENSHOTS=1`` they are also copied to
``bench/results/screenshots/``.
"""

from __future__ import annotations

import io
import os
import shutil
import threading
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ROOT = Path(__file__).resolve().parents[1]

if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
    pytest.skip("headless Chromium is not installed (apt-get install -y chromium chromium-driver)",
                allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is missing (pip install selenium)")

from selenium.common.exceptions import TimeoutException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

pytestmark = pytest.mark.slow

TEXT = """Brief over de speeltuin

Indien u vragen heeft over de nieuwe speeltuin, kunt u ons bellen. De gemeente heeft besloten om in het kader \
van de herinrichting van de openbare ruimte een nieuwe speeltuin te realiseren, waarbij de bewoners door middel \
van een participatietraject worden betrokken.

<script>window.HACKED = 1; document.title = 'gehackt';</script> Wij helpen u graag.
"""


def keep(path: Path, name: str) -> None:
    if os.environ.get("HELDER_SCREENSHOTS"):
        target = ROOT / "bench" / "results" / "screenshots" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tmp_path_factory.mktemp("chromium-profiel")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1280,1600",
                 "--lang=nl"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def report_file(pipeline, tmp_path_factory):
    from helder.analysis import Options, analyze_documents
    from helder.documents import from_string
    from helder.formatters.html_report import write_html

    document = from_string(TEXT, "text", "brief.txt")
    options = Options(model=os.environ.get("HELDER_TEST_MODEL"), checks=True, profile="brief")
    report = next(analyze_documents([document], options))
    path = tmp_path_factory.mktemp("rapport") / "rapport.html"
    write_html([report], [document], path)
    return path, report


def active(driver):
    return driver.execute_script("return document.activeElement")


def words_of(driver, element) -> str:
    """The words of an element as a reader sees them in the text (without boxes and level labels)."""
    return driver.execute_script(
        "var c = arguments[0].cloneNode(true);"
        "c.querySelectorAll('.tip, .niv, .vh').forEach(function (e) { e.remove(); });"
        "return c.textContent.replace(/\\s+/g, ' ').trim();", element)


def csp_errors(driver) -> list[str]:
    try:
        logs = driver.get_log("browser")
    except Exception:  # noqa: BLE001 - not every driver keeps logs
        return []
    return [entry["message"] for entry in logs if "Content Security Policy" in entry.get("message", "")]


def test_report_in_the_browser(browser, report_file, tmp_path):
    path, report = report_file
    browser.get(path.as_uri())
    assert browser.title == "helder-rapport: brief.txt"
    # the <script> in the text is shown as text and did not run
    assert browser.execute_script("return typeof window.HACKED") == "undefined"
    assert "<script>window.HACKED" in browser.find_element(By.CSS_SELECTOR, ".tekst").text
    assert browser.execute_script("return document.scripts.length") == 1
    assert csp_errors(browser) == []  # the page's own style and script are allowed by their hashes

    # findings at the right sentences
    indien = next(f for f in report.findings if f.match.lower() == "indien")
    mark = browser.find_element(By.CSS_SELECTOR, f"mark[data-codes~='{indien.code}']")
    assert words_of(browser, mark) == "Indien"
    sentence = browser.execute_script("return arguments[0].closest('.zin')", mark)
    assert words_of(browser, sentence) == ("Indien u vragen heeft over de nieuwe speeltuin, kunt u ons "
                                            "bellen.")
    assert sentence.get_attribute("data-niveau") == str(report.sentences[1].lint_level)
    for f in report.findings:
        piece = browser.execute_script(
            "var m = document.querySelector(`mark[data-codes~='${arguments[0]}']`); return m && m.textContent",
            f.code)
        assert piece, f.code

    # keyboard: the skip link first, then Tab reaches the first finding and shows its box
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    skip = active(browser)
    assert skip.text == "Ga direct naar de inhoud" and skip.location["y"] >= 0
    for _ in range(40):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        element = active(browser)
        if element.tag_name == "mark":
            break
    else:
        pytest.fail("Tab never reached a finding")
    tip = element.find_element(By.CSS_SELECTOR, ".tip")
    assert tip.is_displayed()
    described = element.get_attribute("aria-describedby").split()
    assert described and all(browser.find_element(By.ID, i) for i in described)
    outline = browser.execute_script("return getComputedStyle(arguments[0]).outlineStyle", element)
    assert outline == "solid"  # focus is visible
    # go on to the finding on "Indien" for the screenshot: chart, coloured sentences and an open box
    for _ in range(10):
        if words_of(browser, element) == "Indien":
            break
        ActionChains(browser).send_keys(Keys.TAB).perform()
        element = active(browser)
    assert words_of(browser, element) == "Indien"
    tip = element.find_element(By.CSS_SELECTOR, ".tip")
    assert tip.is_displayed() and "Beter:" in tip.text
    browser.execute_script("document.querySelector('h3[id$=verloop]').scrollIntoView()")
    shot = tmp_path / "report.png"
    browser.save_screenshot(str(shot))
    keep(shot, "report.png")
    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    assert not tip.is_displayed()  # Escape closes the box (WCAG 1.4.13)

    # mouse: hovering a finding shows its message
    other = browser.find_elements(By.CSS_SELECTOR, "mark.f")[-1]
    ActionChains(browser).move_to_element(other).perform()
    assert other.find_element(By.CSS_SELECTOR, ".tip").is_displayed()

    # the chart has a text alternative
    svg = browser.find_element(By.CSS_SELECTOR, "figure svg[role=img]")
    assert svg.get_attribute("aria-labelledby")
    assert "zinnen" in browser.find_element(By.CSS_SELECTOR, "figcaption").text


def test_serve_page_in_the_browser(browser, pipeline, tmp_path):
    docx = pytest.importorskip("docx")
    from helder.web.server import make_server

    server = make_server("127.0.0.1", 0, 2 * 1024 * 1024, model=os.environ.get("HELDER_TEST_MODEL"))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        browser.get(base)
        assert browser.title == "helder: controleer je tekst"
        browser.find_element(By.ID, "tekst").send_keys(TEXT)
        Select(browser.find_element(By.ID, "profiel")).select_by_value("brief")
        browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        try:
            WebDriverWait(browser, 60).until(EC.presence_of_element_located((By.CSS_SELECTOR, "mark.f")))
        except TimeoutException:
            pytest.fail("the report did not appear: " + browser.page_source[:500])
        assert browser.execute_script("return typeof window.HACKED") == "undefined"
        assert browser.title.startswith("helder-rapport")
        mark = browser.find_element(By.CSS_SELECTOR, "mark[data-codes~='WK001']")
        sentence = browser.execute_script("return arguments[0].closest('.zin')", mark)
        assert words_of(browser, mark) in words_of(browser, sentence) and "Profiel: brief" in browser.find_element(By.TAG_NAME, "main").text
        shot = tmp_path / "serve.png"
        browser.save_screenshot(str(shot))
        keep(shot, "serve.png")

        # upload a Word file: findings say "alinea"
        document = docx.Document()
        document.add_heading("Beslispunten", 1)
        document.add_paragraph("De raad besluit over de speeltuin. Indien u wilt, kunt u meedenken.")
        word = tmp_path / "voorstel.docx"
        buffer = io.BytesIO()
        document.save(buffer)
        word.write_bytes(buffer.getvalue())
        browser.get(base)
        browser.find_element(By.ID, "bestand").send_keys(str(word))
        browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        WebDriverWait(browser, 60).until(EC.presence_of_element_located((By.CSS_SELECTOR, "ol.opmerkingen")))
        assert "Alinea 2" in browser.find_element(By.CSS_SELECTOR, "ol.opmerkingen").text
        assert "voorstel.docx" in browser.title
    finally:
        server.shutdown()
        server.server_close()


def _wait_for_file(folder: Path, suffix: str, seconds: float = 30) -> Path:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done = [p for p in folder.iterdir() if p.suffix == suffix]
        if done and not any(p.suffix == ".crdownload" for p in folder.iterdir()):
            return done[0]
        time.sleep(0.2)
    pytest.fail(f"no {suffix} download in {folder}: {sorted(p.name for p in folder.iterdir())}")


def test_serve_gives_the_word_file_back_in_the_browser(browser, pipeline, tmp_path):
    """The download link on the result page (a data: link under the page's CSP) and the form's second
    button both save the Word file with helder's comments."""
    docx = pytest.importorskip("docx")
    from helder.web.server import make_server

    document = docx.Document()
    document.add_paragraph("Indien u vragen heeft over de speeltuin, kunt u ons bellen.")
    word = tmp_path / "speeltuin.docx"
    document.save(str(word))
    server = make_server("127.0.0.1", 0, 2 * 1024 * 1024, model=os.environ.get("HELDER_TEST_MODEL"))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        for step, how in enumerate(("link", "button")):
            folder = tmp_path / f"downloads-{step}"
            folder.mkdir()
            browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})
            browser.get(base)
            browser.find_element(By.ID, "bestand").send_keys(str(word))
            if how == "link":
                browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
                link = WebDriverWait(browser, 60).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "a[download]")))
                assert link.get_attribute("download") == "speeltuin-helder.docx"
                link.click()
            else:
                browser.find_element(By.CSS_SELECTOR, "button[formaction='/controleer/word']").click()
            saved = _wait_for_file(folder, ".docx", 60)
            assert saved.name == "speeltuin-helder.docx"
            comments = [c for c in docx.Document(str(saved)).comments if c.author == "helder"]
            assert any(c.text.startswith("WK001") for c in comments), how
        assert not csp_errors(browser)
    finally:
        server.shutdown()
        server.server_close()
