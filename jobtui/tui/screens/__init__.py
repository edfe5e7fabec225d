"""The modal screens: record forms, pickers, dialogs and the help."""
