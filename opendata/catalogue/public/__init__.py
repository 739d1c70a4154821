"""The public pages of the open-data catalogue: search, dataset pages, previews and exports."""
