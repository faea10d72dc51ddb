#!/usr/bin/env python3
"""function_length.py — lists the functions of lib/ longer than a budget (issue 14, item 5).

    tests/function_length.py [--max N] [--allow FILE] DIR...   exit 1 when a function is over N lines
    tests/function_length.py --self-test                       checks the scanner on made-up sources

A function is counted from the first line of its declaration to its closing brace. The scan
matches braces after removing comments, string and character literals (raw strings too); a
brace opens a function when, at namespace or class scope, the text before it ends like a
function declarator: `)`, then cv/ref qualifiers, noexcept, override, final, a trailing return
type, or a constructor's initializer list. Lambdas and local classes count as part of the
function around them. The allow file lists `path:function` pairs (one a line, # comments) that
may stay over the budget, with the reason in a comment; an entry that is no longer over it is
reported, so the list only shrinks.
"""
import os
import re
import sys

SCOPE = re.compile(r"^(?:template\s*<.*?>\s*)?(?:(?:inline|export)\s+)*(?:namespace|struct|class|union|enum)\b", re.S)
DECLARATOR_END = re.compile(
    r"\)\s*(?:(?:const|volatile|noexcept(?:\s*\([^)]*\))?|override|final|mutable|&&?)\s*)*"
    r"(?:->\s*[^{;]+)?$", re.S)
INITIALIZERS = re.compile(r"\)\s*(?:noexcept\s*)?:\s*[\w:]+\s*[({]", re.S)


def strip(src):
    """The source with comments and literals emptied; newlines kept so line numbers stay."""
    out = []
    i, n = 0, len(src)
    while i < n:
        if src.startswith("//", i):
            j = src.find("\n", i)
            i = n if j < 0 else j
            continue
        if src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("\n" * src.count("\n", i, j))
            i = j
            continue
        m = re.match(r'(?:u8|u|U|L)?R"([^(\s]{0,16})\(', src[i:i + 24])
        if m and (i == 0 or not (src[i - 1].isalnum() or src[i - 1] == "_")):
            end = ")" + m.group(1) + '"'
            j = src.find(end, i + m.end())
            j = n if j < 0 else j + len(end)
            out.append('""' + "\n" * src.count("\n", i, j))
            i = j
            continue
        c = src[i]
        # a quote, but not a digit separator (1'000'000)
        if c == '"' or (c == "'" and not (i > 0 and src[i - 1].isalnum())):
            j = i + 1
            while j < n and src[j] != c and src[j] != "\n":
                j += 2 if src[j] == "\\" else 1
            out.append(c + c)
            i = j + 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def functions(text):
    """(name, first line, last line) of every function body in C++ source `text`."""
    src = strip(text)
    found, stack = [], []  # stack: "scope" (namespace, class), "data" (an initializer), or a function
    header_start = 0

    def line(pos):
        return src.count("\n", 0, pos) + 1

    for i, c in enumerate(src):
        at_scope = not stack or stack[-1] == "scope"
        if c == ";" and at_scope:
            header_start = i + 1
        elif c == "{":
            if not at_scope and stack[-1] != "member":
                stack.append("inner")
                continue
            header = "\n".join(l for l in src[header_start:i].split("\n") if not l.strip().startswith("#")).strip()
            if SCOPE.match(header) or header.startswith("extern") or header == "":
                stack.append("scope")
            elif INITIALIZERS.search(header) and re.search(r"[\w>]$", header):
                stack.append("member")  # a member's brace initializer: the declarator goes on
                continue
            elif "(" in header and not header.rstrip().endswith("=") and (
                    DECLARATOR_END.search(header) or INITIALIZERS.search(header)):
                m = re.search(r"([~\w:]+|operator\s*[^\s(]+)\s*\(", header)
                offset = header_start + len(src[header_start:i]) - len(src[header_start:i].lstrip())
                stack.append((m.group(1) if m else "?", line(offset)))
            else:
                stack.append("data")
            header_start = i + 1
        elif c == "}":
            if not stack:
                continue
            top = stack.pop()
            if top == "member":
                continue
            if isinstance(top, tuple):
                found.append((top[0], top[1], line(i)))
            if not stack or stack[-1] == "scope":
                header_start = i + 1
    return found


def scan(dirs, budget):
    over = []
    for d in dirs:
        for root, _, files in os.walk(d):
            for f in sorted(files):
                if not f.endswith((".cpp", ".hpp", ".cc", ".h")):
                    continue
                path = os.path.join(root, f)
                with open(path, encoding="utf-8", errors="replace") as fh:
                    text = fh.read()
                rel = os.path.relpath(path, os.path.dirname(os.path.abspath(d)))
                for name, first, last in functions(text):
                    if last - first + 1 > budget:
                        over.append((rel, first, name, last - first + 1))
    return sorted(over)


def self_test():
    def body(n):  # a function of n lines in all
        return "int f(int x) {\n" + "  x += 1;\n" * (n - 2) + "}\n"
    cases = [
        (body(80), []),
        (body(81), [("f", 81)]),
        ("namespace a {\nstruct s {\n" + body(81).replace("int f", "  int g") + "};\n}\n", [("g", 81)]),
        ("auto h() -> int {\n" + "  // }}}\n" * 90 + '  const char* s = "{{{";\n  return 1;\n}\n', [("h", 94)]),
        ("T::T(int a) noexcept : a_(a), b_{a} {\n" + "  a_ += 1;\n" * 85 + "}\n", [("T::T", 87)]),
        ("const int table[] = {\n" + "  1,\n" * 100 + "};\n", []),
        ('void r() {\n  auto s = R"x(\n' + "}\n" * 90 + ')x";\n}\n', [("r", 94)]),
        ("int q() {\n  return 1'000'000;\n}\n" + body(81).replace("int f", "int z"), [("z", 81)]),
    ]
    failed = 0
    for i, (src, want) in enumerate(cases):
        got = [(name, last - first + 1) for name, first, last in functions(src) if last - first + 1 > 80]
        if got != want:
            print(f"function_length self-test {i}: got {got}, want {want}")
            failed += 1
    print(f"function_length self-test: {len(cases) - failed} of {len(cases)} cases right")
    return 1 if failed else 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    budget, allow_file, dirs = 80, None, []
    args = iter(argv[1:])
    for a in args:
        if a == "--max":
            budget = int(next(args))
        elif a == "--allow":
            allow_file = next(args)
        else:
            dirs.append(a)
    if not dirs:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    allowed = set()
    if allow_file:
        with open(allow_file, encoding="utf-8") as fh:
            for l in fh:
                l = l.split("#", 1)[0].strip()
                if l:
                    allowed.add(l)
    over = scan(dirs, budget)
    bad = [o for o in over if f"{o[0]}:{o[2]}" not in allowed]
    stale = sorted(allowed - {f"{o[0]}:{o[2]}" for o in over})
    for rel, first, name, n in over:
        mark = "" if f"{rel}:{name}" not in allowed else "  (allowed)"
        print(f"{rel}:{first}: {name}: {n} lines{mark}")
    for s in stale:
        print(f"{s}: in the allow list but not over {budget} lines any more: remove it")
    print(f"function_length: {len(bad)} function(s) over {budget} lines, {len(over) - len(bad)} allowed")
    return 1 if bad or stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
