"""The schema as the release before migrations created it (gdgame/store/db.py at 992f802, the
last commit without Alembic), and rows as that release wrote them: what a teacher's database
holds on the day they upgrade."""

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)  # fmt: skip

metadata = MetaData()
rooms = Table(
    "rooms", metadata,
    Column("code", String(8), primary_key=True),
    Column("created", DateTime(timezone=True), nullable=False),
)  # fmt: skip
scores = Table(
    "scores", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("room", String(8), nullable=False, index=True),
    Column("level", Integer, nullable=False),
    Column("name", String(24), nullable=False),
    Column("score", Integer, nullable=False),
    Column("steps", Integer, nullable=False),
    Column("stars", Integer, nullable=False),
    Column("token", String(64), nullable=False),
    Column("saved", DateTime(timezone=True), nullable=False),
    UniqueConstraint("token", name="one_row_per_token"),
)  # fmt: skip
games = Table(
    "games", metadata,
    Column("token", String(64), primary_key=True),
    Column("data", Text, nullable=False),
    Column("updated", DateTime(timezone=True), nullable=False),
)  # fmt: skip

ROOM = "K7QXM"
SCORES = [
    {"room": ROOM, "level": 1, "name": "Ada", "score": 990, "steps": 1, "stars": 3,
     "token": "old-score-token-0001"},
    {"room": ROOM, "level": 1, "name": "Bob", "score": 700, "steps": 5, "stars": 2,
     "token": "old-score-token-0002"},
]  # fmt: skip
GAME_TOKEN = "oldGameToken_0123456789"
# Ada, one step into level 1 (start (-4, 3), α = 0.1), in room K7QXM
GAME = (
    '{"game":{"version":1,"level":1,"seed":null,"mode":"gradient","fog":"easy",'
    '"path":[[-4.0,3.0],[-3.2,2.4]],"declared":false},"attempt":"oldAttemptToken_012345",'
    '"seed":20261201,"unlocked":2,"best":{"1":3},"room":"K7QXM","name":"Ada"}'
)
