"""Build hook: copy the rule files (data in ``rules/``, outside ``src/``) into the wheel as ``helder/rules``."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithRules(build_py):
    def run(self) -> None:
        super().run()
        src = Path(__file__).resolve().parent / "rules"
        if src.is_dir():
            dest = Path(self.build_lib) / "helder" / "rules"
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(src, dest)


setup(cmdclass={"build_py": BuildPyWithRules})
