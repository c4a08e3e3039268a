"""Accounts: sign-in, two-factor, sign-in sessions and the account pages, and the user list's security actions."""
