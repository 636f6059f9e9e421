"""Test-only parts of the sample web: sites that only tests use, and the one-shot data generators.

``checker.sampleweb`` keeps exactly what ``citecheck demo`` serves at run time (the server, its CA,
the demo blog, its sources and the social platforms, and their ``data/``).  What lives here never
ships in the wheel:

- :mod:`tests.fixtureweb.big_blog`: a large generated Blogger blog for discovery tests;
- :mod:`tests.fixtureweb.archive_web`: the Wayback Machine, Save Page Now and a Memento TimeGate;
- :mod:`tests.fixtureweb.build_seed_blog` and :mod:`tests.fixtureweb.build_seed_live`: rebuild the
  committed ``checker/sampleweb/data/`` from the seed captures (run them from the repository root,
  e.g. ``python -m tests.fixtureweb.build_seed_blog``).

It sits under ``tests/`` beside the other fixture webs (``tests/fetch/hostile_web.py``,
``tests/discover/lossy_web.py``) and is imported the same way, ``tests.fixtureweb.…``, with the
repository root on ``sys.path`` (as for ``bench``).
"""
