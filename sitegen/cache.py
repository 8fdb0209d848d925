"""A small on-disk cache in .cache/ for work whose inputs rarely change.

Keys are hashes of the inputs and of the code that does the work, so a
changed input or a changed checker never reuses an old result. The cache
only ever saves time: delete .cache/ and every result is computed again.
Nothing in it reaches the built site.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import Any, Callable

FOLDER = ".cache"


def key(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def code_version(*modules: Any) -> str:
    """A hash of the source of the modules that compute a cached result."""
    return key(*(Path(m.__file__).read_bytes() for m in modules))


def memo(root: Path, kind: str, cache_key: str, compute: Callable[[], Any]) -> Any:
    """compute(), or the value stored for this key; stored values are pickled."""
    path = root / FOLDER / kind / f"{cache_key}.pickle"
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    value = compute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(pickle.dumps(value))
        tmp.replace(path)
    except OSError:
        pass  # a read-only checkout still builds, just without the cache
    return value
