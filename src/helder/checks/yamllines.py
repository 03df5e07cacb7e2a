"""Line numbers in YAML files and schema errors in Dutch, for messages about organisation rule files.

Only used when something is wrong (or by ``helder rules --check``): composing the YAML node tree again
costs a few milliseconds per file.
"""

from __future__ import annotations

from typing import Any, Sequence


def line_of(text: str, keys: Sequence[Any]) -> int:
    """The 1-based line of the value at ``keys`` (mapping keys and list indexes) in the YAML ``text``;
    the line of the deepest part that exists (1 when the text is not YAML)."""
    import yaml

    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return yaml_error_line(text)
    if node is None:
        return 1
    line = node.start_mark.line + 1
    for key in keys:
        nxt = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == str(key):
                    nxt, line = v, k.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
            nxt = node.value[key]
            line = nxt.start_mark.line + 1
        if nxt is None:
            break
        node = nxt
    return line


def yaml_error_line(text: str) -> int:
    """The line of the first YAML syntax error in ``text`` (1 when there is none or it has no place)."""
    import yaml

    try:
        yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return mark.line + 1 if mark is not None else 1
    except yaml.YAMLError:
        return 1
    return 1


def dutch_schema_error(err: Any) -> str:
    """A ``jsonschema`` validation error as one Dutch line."""
    where = ".".join(str(p) for p in err.absolute_path)
    field = f"'{where}'" if where else "het bestand"
    v, value = err.validator, err.instance
    if v == "required":
        missing = [name for name in err.validator_value if name not in (value or {})]
        return f"het veld '{missing[0] if missing else err.validator_value[0]}' ontbreekt" + (
            f" in {field}" if where else "")
    if v == "additionalProperties":
        extra = sorted(set(value) - set(err.schema.get("properties", {})))
        return f"onbekend veld '{extra[0] if extra else '?'}'" + (f" in {field}" if where else "")
    if v == "enum":
        return f"{field}: '{value}' kan niet (kies uit: {', '.join(map(str, err.validator_value))})"
    if v == "pattern":
        if where == "code":
            return f"de code '{value}' heeft niet de goede vorm: 2 tot 5 hoofdletters en 3 cijfers, zoals DIE001"
        return f"{field}: '{value}' heeft niet de goede vorm"
    if v == "type":
        names = {"string": "tekst", "array": "een lijst", "object": "een tabel met velden", "boolean": "true of false",
                 "number": "een getal", "integer": "een heel getal"}
        want = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        return f"{field} moet {' of '.join(names.get(w, w) for w in want)} zijn"
    if v in ("minItems", "minLength"):
        return f"{field} is leeg of te kort"
    if v == "anyOf" and all("required" in s for s in err.validator_value):
        options = [s["required"][0] for s in err.validator_value]
        return f"deze soort regel heeft een van deze velden nodig: {', '.join(options)}"
    return f"{field} past niet bij het schema (rules/schema.json)"
