"""Loss landscapes (being built)."""

import streamlit as st

from gdgame.ui import landscapes as lesson
from gdgame.ui import router

router.through_router()

st.title("Loss landscapes")
lesson.SETTINGS.check_url()
