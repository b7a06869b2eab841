#!/usr/bin/env python3
"""The browser check: serves target/web/ on localhost, opens it in headless Chromium through
WebDriver (Debian's chromium + chromium-driver; `pip install selenium`), and checks what a student
would see: the canvas draws (a 1280x720 screenshot that is not blank), the library lists the
bundled cases, a highlight made with the mouse and keyboard is still there after a reload, and a
notes file uploaded through the file picker merges, and an export (Highlights as CSV) downloads.
Prints the load times: first frame, library listed, the longest task while loading. Exit 0 when all pass.

usage: scripts/web-check.py [--out DIR]   (screenshots go to DIR, default target/web-check)
       scripts/web-check.py --loads N [--web DIR]   (only load the page N times, printing the long
                                      tasks and the app's loading steps; DIR: another build)
The app publishes its state as data-caselens-* attributes on <html> (src/ui/page.rs): the
canvas has no text a script can read.
"""
import argparse
import functools
import http.server
import json
import os
import shutil
import struct
import sys
import tempfile
import threading
import time
import zlib

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

OUT = "."
DOWNLOADS = tempfile.mkdtemp(prefix="caselens-downloads-")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WEB = os.path.join(ROOT, "target", "web")
SITE_FILES = ["mini.framework.json", "acme.case.json"]
SAMPLE_NOTES = os.path.join(ROOT, "cases", "examples", "lecture.notes.json")


def png_colours(path):
    """Distinct colours in a (non-interlaced, 8-bit RGB/RGBA) PNG: a blank shot has one."""
    data = open(path, "rb").read()
    pos, idat, width, height, ctype = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and ctype in (2, 6), "an 8-bit RGB(A) screenshot"
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    bpp = 4 if ctype == 6 else 3
    raw, stride = zlib.decompress(idat), width * (4 if ctype == 6 else 3)
    prev, colours, i = bytearray(stride), set(), 0
    for _ in range(height):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], (prev[x - bpp] if x >= bpp else 0)
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
        for x in range(0, stride, bpp * 7):
            colours.add(bytes(line[x:x + 3]))
    return len(colours)


def serve(directory):
    handler = functools.partial(QuietHandler, directory=directory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript"}

    def log_message(self, *args):
        pass


def browser(profile):
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                 f"--user-data-dir={profile}", "--window-size=1280,720",
                 "--force-device-scale-factor=1"]:
        options.add_argument(flag)
    # Downloads (exports, Save notes as) land in DOWNLOADS, without asking.
    options.add_experimental_option("prefs", {
        "download.default_directory": DOWNLOADS, "download.prompt_for_download": False})
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": DOWNLOADS})
    # The inner size is what the app sees: make it exactly 1280x720.
    w, h = driver.execute_script("return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight]")
    driver.set_window_size(1280 + w, 720 + h)
    return driver


def state(driver, name):
    return driver.execute_script(
        "return document.documentElement.getAttribute(arguments[0])", "data-caselens-" + name)


def wait_for(driver, what, test, timeout=60):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = test()
        if value:
            return value
        time.sleep(0.05)
    driver.save_screenshot(os.path.join(OUT, "failed.png"))
    problem = driver.execute_script(
        "const p = document.getElementById('caselens_problem'); return p ? p.textContent : ''")
    logs = []
    try:
        logs = [e["message"] for e in driver.get_log("browser")][-10:]
    except Exception:  # noqa: BLE001 - logs are a diagnosis aid only
        pass
    sys.exit(f"web-check: FAILED: {what} (after {timeout} s). Page problem: {problem!r}. Console: {logs}")


def load(driver, url):
    driver.get(url)
    wait_for(driver, "the library lists the bundled cases",
             lambda: (state(driver, "cases") or "0") != "0")
    return int(state(driver, "first-frame-ms")), int(state(driver, "listed-ms"))


def loading_tasks(driver, first, listed):
    """Prints the tasks over 50 ms while the cases loaded (those starting after the first
    frame and before the library listed its cases), and the app's own account of its loading
    steps (data-caselens-load-steps: the longest of each kind, in ms). Returns the longest."""
    # Tasks over 50 ms (start, duration in ms since the page started loading).
    long_tasks = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        setTimeout(() => done([]), 1000);
        new PerformanceObserver((list) => done(list.getEntries().map(
                e => [Math.round(e.startTime), Math.round(e.duration)])))
            .observe({type: "longtask", buffered: true});""")
    during = [d for s, d in long_tasks if first <= s <= listed]
    before = [d for s, d in long_tasks if s < first]
    after = [d for s, d in long_tasks if s > listed]
    print(f"web-check: first frame {first} ms; library listed {listed} ms; longest task while "
          f"loading the cases {max(during, default=0)} ms (over 50 ms: {during}); "
          f"before the first frame (the wasm's start) {before} ms; after the listing {after} ms")
    print(f"web-check: the app's loading steps (longest of each, ms): {state(driver, 'load-steps')}")
    return max(during, default=0)


def shot(driver, out, name):
    path = os.path.join(out, name)
    driver.save_screenshot(path)
    return path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=os.path.join(ROOT, "target", "web-check"))
    parser.add_argument("--web", default=WEB, help="the built site (default target/web)")
    parser.add_argument("--loads", type=int, default=0,
                        help="only load the page this many times and print its long tasks")
    args = parser.parse_args()
    global OUT
    OUT = args.out
    os.makedirs(args.out, exist_ok=True)
    if not os.path.exists(os.path.join(args.web, "index.html")):
        sys.exit("web-check: run scripts/web.sh build first")
    # A copy of the site with a course's own case beside index.html (cases/index.json).
    site = tempfile.mkdtemp(prefix="caselens-site-")
    shutil.copytree(args.web, site, dirs_exist_ok=True)
    course = os.path.join(ROOT, "tests", "fixtures", "other-course")
    os.makedirs(os.path.join(site, "cases"), exist_ok=True)
    for name in SITE_FILES:
        shutil.copy(os.path.join(course, name), os.path.join(site, "cases", name))
    with open(os.path.join(site, "cases", "index.json"), "w") as f:
        json.dump({"files": SITE_FILES}, f)
    server = serve(site)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    profile = tempfile.mkdtemp(prefix="caselens-chromium-")
    driver = browser(profile)
    try:
        if args.loads:
            for _ in range(args.loads):
                first, listed = load(driver, url)
                loading_tasks(driver, first, listed)
        else:
            check(driver, url, args.out)
    finally:
        driver.quit()
        server.shutdown()
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(DOWNLOADS, ignore_errors=True)


def check(driver, url, out):
    first, listed = load(driver, url)
    cases = state(driver, "case-ids").split()
    print(f"web-check: first frame {first} ms, {len(cases)} cases listed {listed} ms after the page started loading")
    loading_tasks(driver, first, listed)
    for wanted in ["company-a", "company-b"]:
        assert wanted in cases, f"bundled case {wanted} listed: {cases}"
    assert "acme" in cases, f"the site's own case (cases/index.json) listed: {cases}"
    print("web-check: the site's own case from cases/index.json is listed too")
    time.sleep(0.5)
    colours = png_colours(shot(driver, out, "1-library.png"))
    assert colours > 20, f"the canvas draws (a blank screenshot has 1 colour; {colours} seen)"
    print(f"web-check: the canvas draws ({colours} colours in a sample)")

    # A highlight through the app's own input: open a case from the library, select a
    # paragraph's text with the mouse and keyboard, Ctrl+Enter.
    before = int(state(driver, "notes-items"))
    canvas = driver.find_element(By.ID, "caselens_canvas")
    highlight(driver, canvas, out)
    wait_for(driver, "the highlight is in the notes",
             lambda: int(state(driver, "notes-items")) == before + 1, timeout=10)
    # Saved after the autosave's quiet time (0.8 s): the status says so.
    wait_for(driver, "the notes are saved",
             lambda: (state(driver, "notes-status") or "").startswith("Notes saved to"), timeout=10)
    print(f"web-check: highlight made and saved ({state(driver, 'notes-status')!r})")
    driver.refresh()
    load(driver, url)
    wait_for(driver, "the highlight survives the reload",
             lambda: int(state(driver, "notes-items") or 0) == before + 1, timeout=10)
    print("web-check: the highlight is still there after a reload")
    shot(driver, out, "3-after-reload.png")

    # Upload a notes file through the file picker: its items merge into ours.
    sample = json.load(open(SAMPLE_NOTES))
    has = int(state(driver, "notes-items"))
    canvas = driver.find_element(By.ID, "caselens_canvas")
    # The keypress that opens the picker lets the page open the system's file chooser at once,
    # which a headless browser cancels; intercepted, the picker's file input waits for a file.
    driver.execute_cdp_cmd("Page.setInterceptFileChooserDialog", {"enabled": True})
    # Focus the canvas with a click on the status bar (nothing to change there).
    ActionChains(driver).move_to_element_with_offset(canvas, 0, 708 - 360).click().perform()
    ActionChains(driver).key_down(Keys.CONTROL).key_down(Keys.SHIFT).send_keys("p") \
        .key_up(Keys.SHIFT).key_up(Keys.CONTROL).perform()
    time.sleep(0.3)
    ActionChains(driver).send_keys("Open notes").perform()
    time.sleep(0.3)
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    picker = wait_for(driver, "the file picker opens",
                      lambda: driver.find_elements(By.ID, "rfd-input"), timeout=10)[0]
    picker.send_keys(SAMPLE_NOTES)
    for button in driver.find_elements(By.CSS_SELECTOR, "#rfd-card button"):
        if button.is_displayed() and button.text == "Ok":
            button.click()
    wait_for(driver, "the uploaded notes merge",
             lambda: int(state(driver, "notes-items")) == has + len(sample["items"]), timeout=10)
    print(f"web-check: the uploaded notes merged ({has} + {len(sample['items'])} items)")
    shot(driver, out, "4-merged.png")

    # An export downloads: File > Export > Highlights as CSV, through the command palette.
    palette(driver, canvas, "Highlights as CSV")
    csv = wait_for(driver, "the export is downloaded", lambda: [
        f for f in os.listdir(DOWNLOADS)
        if f.endswith(".csv") and os.path.getsize(os.path.join(DOWNLOADS, f)) > 0], timeout=15)[0]
    header = open(os.path.join(DOWNLOADS, csv), encoding="utf-8").readline().strip()
    print(f"web-check: the export downloaded as {csv} ({os.path.getsize(os.path.join(DOWNLOADS, csv))} bytes; header {header[:60]!r})")
    print("web-check: passed")


def palette(driver, canvas, command):
    """Runs `command` from the command palette (Ctrl+Shift+P, its name, Enter)."""
    ActionChains(driver).move_to_element_with_offset(canvas, 0, 708 - 360).click().perform()
    ActionChains(driver).key_down(Keys.CONTROL).key_down(Keys.SHIFT).send_keys("p") \
        .key_up(Keys.SHIFT).key_up(Keys.CONTROL).perform()
    time.sleep(0.3)
    ActionChains(driver).send_keys(command).perform()
    time.sleep(0.3)
    ActionChains(driver).send_keys(Keys.ENTER).perform()


def highlight(driver, canvas, out):
    """Opens Company A and highlights its first paragraph: click in its text, Ctrl+A, Ctrl+Enter."""
    actions = ActionChains(driver)
    x, y = CASE_ROW
    actions.move_to_element_with_offset(canvas, x - 640, y - 360).click().perform()
    time.sleep(0.5)
    x, y = PARAGRAPH
    ActionChains(driver).move_to_element_with_offset(canvas, x - 640, y - 360).click().perform()
    time.sleep(0.3)
    ActionChains(driver).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).perform()
    time.sleep(0.3)
    shot(driver, out, "2-selected.png")
    ActionChains(driver).key_down(Keys.CONTROL).send_keys(Keys.ENTER).key_up(Keys.CONTROL).perform()


# Where, in the 1280x720 page, Company A's row in the library and its first paragraph
# are (read off the screenshots).
CASE_ROW = (140, 276)
PARAGRAPH = (500, 590)

if __name__ == "__main__":
    main()
