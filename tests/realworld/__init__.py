"""Issue 9: verdicts a maintainer can trust on the real web, reduced from public reports to loopback hosts.

Kinds and where they are tested (every case cites the report or GitHub behaviour it comes from):
1. A server that answers is there (bot walls, certificates): test_answering_servers.py
2. A streak needs time, not just runs: test_streaks.py
3. Redirects the way browsers do (cookies, fragments): test_redirects.py
4. A page that answers 200 but is gone (parked, for sale, soft 404, 64 KiB): test_gone_pages.py
5. GitHub's limits as GitHub sends them: test_github_limits.py
6-7 (checker-model): test_unreachable_world.py, test_status_file.py
Reports that quote untrusted text (mentions, references) and state the rules as applied: test_report_text.py
"""
