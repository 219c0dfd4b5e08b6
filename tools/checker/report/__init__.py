"""The checker's outputs: the JSON report (the contract), Markdown, the terminal and GitHub Actions."""
