"""Streamlit helpers shared by the pages, and each page's own module (``ui/<page>.py``).

pandas is imported here, before any page runs: plotly looks pandas up in ``sys.modules``
without importing it, and a page drawn while another session's thread is still importing pandas
(Streamlit imports it for its tables) sees a half-made module and fails ("partially initialized
module 'pandas'", seen with 30 students opening a fresh server at once). Every page imports this
package first, and an ``import`` waits for a module another thread is still initializing.
"""

import pandas  # noqa: F401
