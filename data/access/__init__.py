"""Who may write: roles, accounts and the check every store write makes."""
