"""Games owned by a player and versioned; rooms with a teacher, fixed rules and a close; the
names taken in each room; scores that say how they were played.

Rows from before keep working: a game without an owner goes to the next player who opens it,
a room without a teacher has no teacher controls, a score without a mode shows as unknown.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    with op.batch_alter_table("games") as games:
        games.add_column(sa.Column("owner", sa.String(64)))
        # a game saved by an older release is its first version
        games.add_column(sa.Column("version", sa.Integer, nullable=False, server_default="1"))
    with op.batch_alter_table("rooms") as rooms:
        rooms.add_column(sa.Column("owner", sa.String(64)))
        rooms.add_column(sa.Column("teacher", sa.String(64)))
        rooms.add_column(sa.Column("mode", sa.String(16)))
        rooms.add_column(sa.Column("fog", sa.String(16)))
        rooms.add_column(sa.Column("closed", sa.DateTime(timezone=True)))
    with op.batch_alter_table("scores") as scores:
        scores.add_column(sa.Column("mode", sa.String(16)))
        scores.add_column(sa.Column("fog", sa.String(16)))
    op.create_table(
        "players",
        sa.Column("room", sa.String(8), nullable=False),
        sa.Column("key", sa.String(160), nullable=False),
        sa.Column("name", sa.String(24), nullable=False),
        sa.Column("owner", sa.String(64), nullable=False),
        sa.Column("removed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("joined", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("room", "key", name="one_player_per_name"),
    )


def downgrade() -> None:
    op.drop_table("players")
    with op.batch_alter_table("scores") as scores:
        scores.drop_column("fog")
        scores.drop_column("mode")
    with op.batch_alter_table("rooms") as rooms:
        for column in ("closed", "fog", "mode", "teacher", "owner"):
            rooms.drop_column(column)
    with op.batch_alter_table("games") as games:
        games.drop_column("version")
        games.drop_column("owner")
