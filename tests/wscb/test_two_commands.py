"""The README opens with the two commands, and CI calls the second one."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def fenced_blocks(text: str) -> list[str]:
    blocks, current, inside = [], [], False
    for line in text.splitlines():
        if line.startswith("```"):
            if inside:
                blocks.append("\n".join(current).strip())
                current = []
            inside = not inside
        elif inside:
            current.append(line)
    return blocks


def test_the_readme_opens_with_the_run_and_test_commands_each_in_its_own_block():
    readme = (ROOT / "README.md").read_text()
    before_first_block = readme.split("```")[0]
    assert before_first_block.count("\n#") <= 1  # only the title before the commands
    run, test = fenced_blocks(readme)[:2]
    assert run == "bin/run"
    assert test == "bin/test"


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "\nbin/test" in ci
    assert (ROOT / ".ci" / "run").stat().st_mode & 0o111
    assert (ROOT / "bin" / "test").stat().st_mode & 0o111
    assert (ROOT / "bin" / "run").stat().st_mode & 0o111


def test_requirements_are_pinned():
    for name in ["requirements.txt", "requirements-dev.txt"]:
        for line in (ROOT / name).read_text().splitlines():
            line = line.strip()
            if line and not line.startswith(("#", "-r")):
                assert "==" in line, f"{name}: {line} is not pinned"
