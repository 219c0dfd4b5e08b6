"""The logic behind the GitHub workflows, kept here so it is tested; the workflows stay thin."""
