"""Rooms that play a level the teacher chose, a typed formula among them; games that say which
room they are played in, so the teacher's view of a live class reads them; scores on a typed
formula that say which one.

Rows from before keep working: a room without a level lets each player choose, a game without
a room is nobody's class, a score without a formula is on a built-in level.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    with op.batch_alter_table("rooms") as rooms:
        rooms.add_column(sa.Column("formula", sa.Text))
        rooms.add_column(sa.Column("level", sa.Integer))
        rooms.add_column(sa.Column("moves", sa.Integer, nullable=False, server_default="0"))
    with op.batch_alter_table("games") as games:
        games.add_column(sa.Column("room", sa.String(8)))
    op.create_index("ix_games_room", "games", ["room"])
    with op.batch_alter_table("scores") as scores:
        scores.add_column(sa.Column("formula", sa.String(64)))


def downgrade() -> None:
    with op.batch_alter_table("scores") as scores:
        scores.drop_column("formula")
    op.drop_index("ix_games_room", "games")
    with op.batch_alter_table("games") as games:
        games.drop_column("room")
    with op.batch_alter_table("rooms") as rooms:
        for column in ("moves", "level", "formula"):
            rooms.drop_column(column)
