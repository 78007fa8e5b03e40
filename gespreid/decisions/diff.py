"""A readable difference between two versions: word by word, as segments for <ins>/<del> in a template."""

import difflib
import re

TOKEN = re.compile(r"\s+|[^\s]+")


def segments(old: str, new: str) -> list[tuple[str, str]]:
    """[(op, text)] with op "same", "del" or "ins"; whitespace stays with the words so lines keep their shape."""
    a, b = TOKEN.findall(old or ""), TOKEN.findall(new or "")
    result: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            _add(result, "same", "".join(a[i1:i2]))
        else:
            if i2 > i1:
                _add(result, "del", "".join(a[i1:i2]))
            if j2 > j1:
                _add(result, "ins", "".join(b[j1:j2]))
    return result


def _add(result, op, text):
    if not text:
        return
    if result and result[-1][0] == op:
        result[-1] = (op, result[-1][1] + text)
    else:
        result.append((op, text))


def changed(old: str, new: str) -> bool:
    return (old or "") != (new or "")


def compare(old, new) -> list[dict]:
    """Per field (title, problem, body): the label key, whether it changed, and the segments."""
    fields = [("title", "title"), ("problem", "problem"), ("body", "body")]
    return [
        {
            "field": name,
            "changed": changed(getattr(old, attr, ""), getattr(new, attr)),
            "segments": segments(getattr(old, attr, "") if old else "", getattr(new, attr)),
        }
        for name, attr in fields
    ]
