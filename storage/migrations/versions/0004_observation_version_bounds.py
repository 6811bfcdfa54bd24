"""observation_version.low, .high: the bounds of ranges and of over/under figures

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 08:30:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0004'
down_revision: Union[str, Sequence[str], None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('observation_version', schema=None) as batch_op:
        batch_op.add_column(sa.Column('low', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('high', sa.Float(), nullable=True))
    # Versions stored before: over/under got their bound (exact, approx and approaching keep none; a
    # range was stored as its low bound alone and cannot be told apart, reprocessing restores it).
    op.execute("UPDATE observation_version SET low = value WHERE qualifier = 'over'")
    op.execute("UPDATE observation_version SET high = value WHERE qualifier = 'under'")


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('observation_version', schema=None) as batch_op:
        batch_op.drop_column('high')
        batch_op.drop_column('low')
