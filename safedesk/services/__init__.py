"""Per-action services: plain synchronous Python the GUI and CLI both call.

Each method loads what it needs from the store, asks the core whether the action is allowed, and
hands the resulting change back to the store to apply atomically with its audit event.
"""
