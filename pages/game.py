"""The descent game: reach the lowest point of a landscape in as few steps as you can."""

import streamlit as st

from gdgame.ui import class_view, router
from gdgame.ui import game as lesson

router.through_router()

st.title("The descent game")
if class_view.shown():  # a room's teacher watching the class live: nothing else on the page
    st.stop()
lesson.notices()
st.write(
    "Get to the **lowest point** of the landscape in as few steps as you can. Win a level to "
    "open the next one; the bot plays the same level beside you."
)
values = lesson.controls()
lesson.status(values)
picture, turn = st.columns([5, 3], gap="large")
with turn:
    preview = lesson.turn(values)
with picture:
    lesson.landscape(values, preview)
lesson.replay(values)
lesson.room(values)
