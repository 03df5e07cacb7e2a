"""Drive LibreOffice's own LanguageTool client (run with Debian's /usr/bin/python3, which has ``uno``).

Usage: python3 lo_languagetool.py BASE_URL TEXT_FILE
Starts soffice headless with a fresh profile, sets
/org.openoffice.Office.Linguistic/GrammarChecking/LanguageTool (BaseURL, IsEnabled), creates
org.openoffice.lingu.LanguageToolGrammarChecker, calls doProofreading on the text (Dutch, nl-NL)
and prints the errors as JSON on stdout. soffice is stopped at the end.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.lang import Locale


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    base_url, text_file = sys.argv[1], sys.argv[2]
    with open(text_file, encoding="utf-8") as f:
        text = f.read()
    profile = tempfile.mkdtemp(prefix="helder-lo-")
    port = free_port()
    office = subprocess.Popen(
        [shutil.which("soffice") or "/usr/bin/soffice", "--headless", "--invisible", "--norestore", "--nologo",
         "--nodefault", "--nolockcheck", f"-env:UserInstallation=file://{profile}",
         f"--accept=socket,host=127.0.0.1,port={port};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "SAL_USE_VCLPLUGIN": "svp"})
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(240):
            try:
                ctx = resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
                break
            except Exception:  # noqa: BLE001 - not listening yet
                if office.poll() is not None:
                    raise SystemExit("soffice stopped before it listened")
                time.sleep(0.5)
        if ctx is None:
            raise SystemExit("soffice did not listen")
        smgr = ctx.ServiceManager
        provider = smgr.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx)
        node = prop("nodepath", "/org.openoffice.Office.Linguistic/GrammarChecking/LanguageTool")
        access = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess", (node,))
        access.setPropertyValue("BaseURL", base_url)
        access.setPropertyValue("IsEnabled", True)
        access.commitChanges()
        checker = smgr.createInstanceWithContext("org.openoffice.lingu.LanguageToolGrammarChecker", ctx)
        if checker is None:
            raise SystemExit("no org.openoffice.lingu.LanguageToolGrammarChecker in this LibreOffice")
        locale = Locale("nl", "NL", "")
        result = checker.doProofreading("helder-test", text, locale, 0, len(text), ())
        errors = [{"start": e.nErrorStart, "length": e.nErrorLength, "type": e.nErrorType,
                   "rule": e.aRuleIdentifier, "short": e.aShortComment, "full": e.aFullComment,
                   "suggestions": list(e.aSuggestions)} for e in result.aErrors]
        print(json.dumps({"has_locale": bool(checker.hasLocale(locale)), "errors": errors}, ensure_ascii=False))
    finally:
        office.terminate()
        try:
            office.wait(20)
        except subprocess.TimeoutExpired:
            office.kill()
            office.wait()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
