"""The installed package carries everything it needs: data files, templates and the trained model."""
import json
import os
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    return next(out.glob("drafter-*.whl"))


def test_wheel_ships_data_and_model(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "drafter/data/templates.toml" in names
    assert any(n.startswith("drafter/data/lexicons/") for n in names)
    assert any(n.startswith("drafter/data/patterns/") for n in names)
    assert "drafter/model/roles.safetensors" in names and "drafter/model/roles.json" in names


@pytest.mark.model
def test_lint_from_a_fresh_venv(wheel, tmp_path):
    """Install the wheel alone (no source tree) and lint with the model from there.

    The fresh venv borrows the dependencies already installed for the tests through a .pth file, so the
    check is about what the wheel itself carries, not about downloading torch again."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    deps = sysconfig.get_paths()["purelib"]
    Path(purelib, "drafter-test-deps.pth").write_text(deps + "\n")
    subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", str(wheel)],
                   check=True, timeout=300)
    draft = tmp_path / "draft.txt"
    draft.write_text("Hi Sam,\n\nTom deleted your files. We restored them this morning.\n\nBest,\nLena\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([str(venv / "bin" / "drafter"), "lint", "--format", "json", str(draft)],
                            capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert any(f["rule"] == "names/blamed-person" and f["text"] == "Tom" for f in report["findings"])
    where = subprocess.run([str(python), "-c", "import drafter, drafter.roles as r; print(drafter.__file__); "
                            "print(r.load_role_model() is not None)"], capture_output=True, text=True,
                           cwd=tmp_path, env=env, timeout=600).stdout.split()
    assert where[0].startswith(str(venv)) and where[1] == "True"
