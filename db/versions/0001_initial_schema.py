"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('offices',
    sa.Column('code', sa.String(length=3), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('province', sa.String(length=60), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offices')),
    sa.UniqueConstraint('code', name=op.f('uq_offices_code'))
    )
    op.create_table('payment_batches',
    sa.Column('ref', sa.String(length=32), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('status', sa.Enum('draft', 'exported', 'paid', name='batchstatus', native_enum=False, length=24), nullable=False),
    sa.Column('total', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('paid_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payment_batches')),
    sa.UniqueConstraint('ref', name=op.f('uq_payment_batches_ref'))
    )
    with op.batch_alter_table('payment_batches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payment_batches_period'), ['period'], unique=False)

    op.create_table('price_catalogues',
    sa.Column('label', sa.String(length=60), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('published', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_price_catalogues')),
    sa.UniqueConstraint('label', name=op.f('uq_price_catalogues_label'))
    )
    op.create_table('households',
    sa.Column('ref', sa.String(length=32), nullable=False),
    sa.Column('office_id', sa.Uuid(), nullable=False),
    sa.Column('head_name', sa.String(length=160), nullable=False),
    sa.Column('head_id_number', sa.String(length=11), nullable=True),
    sa.Column('nationality', sa.String(length=60), nullable=False),
    sa.Column('protection_status', sa.Enum('temporary_protection', 'international_protection', 'host_community', 'other', name='protectionstatus', native_enum=False), nullable=False),
    sa.Column('phone', sa.String(length=16), nullable=True),
    sa.Column('members', sa.JSON(), nullable=False),
    sa.Column('vulnerabilities', sa.JSON(), nullable=False),
    sa.Column('consent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('search_key', sa.String(length=400), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_households_office_id_offices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_households')),
    sa.UniqueConstraint('ref', name=op.f('uq_households_ref'))
    )
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_households_head_id_number'), ['head_id_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_households_office_id'), ['office_id'], unique=False)

    op.create_table('landlords',
    sa.Column('ref', sa.String(length=32), nullable=False),
    sa.Column('office_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.Enum('person', 'company', name='landlordkind', native_enum=False, length=24), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('id_number', sa.String(length=11), nullable=True),
    sa.Column('tax_number', sa.String(length=10), nullable=True),
    sa.Column('iban', sa.String(length=26), nullable=True),
    sa.Column('phone', sa.String(length=16), nullable=True),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('search_key', sa.String(length=400), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_landlords_office_id_offices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_landlords')),
    sa.UniqueConstraint('ref', name=op.f('uq_landlords_ref'))
    )
    with op.batch_alter_table('landlords', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_landlords_iban'), ['iban'], unique=False)
        batch_op.create_index(batch_op.f('ix_landlords_id_number'), ['id_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_landlords_office_id'), ['office_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_landlords_tax_number'), ['tax_number'], unique=False)

    op.create_table('price_items',
    sa.Column('catalogue_id', sa.Uuid(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('description_tr', sa.Text(), nullable=False),
    sa.Column('description_en', sa.Text(), nullable=False),
    sa.Column('description_ar', sa.Text(), nullable=False),
    sa.Column('unit', sa.String(length=12), nullable=False),
    sa.Column('unit_price', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('kdv_rate', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('withdrawn', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['catalogue_id'], ['price_catalogues.id'], name=op.f('fk_price_items_catalogue_id_price_catalogues')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_price_items')),
    sa.UniqueConstraint('catalogue_id', 'code', name=op.f('uq_price_items_catalogue_id'))
    )
    with op.batch_alter_table('price_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_price_items_catalogue_id'), ['catalogue_id'], unique=False)

    op.create_table('settings',
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('office_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_settings_office_id_offices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settings')),
    sa.UniqueConstraint('key', 'valid_from', 'office_id', name=op.f('uq_settings_key'))
    )
    with op.batch_alter_table('settings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_settings_key'), ['key'], unique=False)

    op.create_table('users',
    sa.Column('username', sa.String(length=60), nullable=False),
    sa.Column('full_name', sa.String(length=160), nullable=False),
    sa.Column('role', sa.Enum('engineer', 'supervisor', 'admin', name='role', native_enum=False, length=24), nullable=False),
    sa.Column('office_id', sa.Uuid(), nullable=True),
    sa.Column('password_hash', sa.String(length=255), nullable=True),
    sa.Column('must_change_password', sa.Boolean(), nullable=False),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_users_office_id_offices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    op.create_table('audit_events',
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.Uuid(), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_audit_events_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_events_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_user_id'), ['user_id'], unique=False)

    op.create_table('dwellings',
    sa.Column('ref', sa.String(length=32), nullable=False),
    sa.Column('office_id', sa.Uuid(), nullable=False),
    sa.Column('province', sa.String(length=60), nullable=False),
    sa.Column('district', sa.String(length=60), nullable=False),
    sa.Column('neighbourhood', sa.String(length=100), nullable=False),
    sa.Column('street', sa.String(length=160), nullable=False),
    sa.Column('building_no', sa.String(length=16), nullable=False),
    sa.Column('flat_no', sa.String(length=16), nullable=True),
    sa.Column('latitude', sa.Numeric(precision=9, scale=6), nullable=True),
    sa.Column('longitude', sa.Numeric(precision=9, scale=6), nullable=True),
    sa.Column('dwelling_type', sa.String(length=30), nullable=False),
    sa.Column('floor_area_m2', sa.Numeric(precision=8, scale=2), nullable=True),
    sa.Column('rooms', sa.Integer(), nullable=True),
    sa.Column('landlord_id', sa.Uuid(), nullable=True),
    sa.Column('household_id', sa.Uuid(), nullable=True),
    sa.Column('stage', sa.Enum('registered', 'assessed', 'boq_drafted', 'boq_approved', 'agreement_signed', 'works_in_progress', 'completed', 'monitored', name='stage', native_enum=False, length=24), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['household_id'], ['households.id'], name=op.f('fk_dwellings_household_id_households')),
    sa.ForeignKeyConstraint(['landlord_id'], ['landlords.id'], name=op.f('fk_dwellings_landlord_id_landlords')),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_dwellings_office_id_offices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dwellings')),
    sa.UniqueConstraint('ref', name=op.f('uq_dwellings_ref'))
    )
    with op.batch_alter_table('dwellings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dwellings_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dwellings_landlord_id'), ['landlord_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dwellings_office_id'), ['office_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dwellings_province'), ['province'], unique=False)
        batch_op.create_index(batch_op.f('ix_dwellings_stage'), ['stage'], unique=False)

    op.create_table('workers',
    sa.Column('ref', sa.String(length=32), nullable=False),
    sa.Column('household_id', sa.Uuid(), nullable=False),
    sa.Column('full_name', sa.String(length=160), nullable=False),
    sa.Column('id_number', sa.String(length=11), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('work_permit_number', sa.String(length=40), nullable=True),
    sa.Column('work_permit_expiry', sa.Date(), nullable=True),
    sa.Column('payment_method', sa.Enum('iban', 'ptt', name='paymentmethod', native_enum=False, length=24), nullable=False),
    sa.Column('iban', sa.String(length=26), nullable=True),
    sa.Column('skills', sa.JSON(), nullable=False),
    sa.Column('extra', sa.JSON(), nullable=False),
    sa.Column('search_key', sa.String(length=400), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['household_id'], ['households.id'], name=op.f('fk_workers_household_id_households')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workers')),
    sa.UniqueConstraint('ref', name=op.f('uq_workers_ref'))
    )
    with op.batch_alter_table('workers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workers_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workers_id_number'), ['id_number'], unique=False)

    op.create_table('assessments',
    sa.Column('dwelling_id', sa.Uuid(), nullable=False),
    sa.Column('assessed_on', sa.Date(), nullable=False),
    sa.Column('assessor_id', sa.Uuid(), nullable=True),
    sa.Column('conditions', sa.JSON(), nullable=False),
    sa.Column('measurements', sa.JSON(), nullable=False),
    sa.Column('occupants', sa.Integer(), nullable=True),
    sa.Column('priority_score', sa.Numeric(precision=6, scale=2), nullable=True),
    sa.Column('eligible', sa.Boolean(), nullable=True),
    sa.Column('eligibility_reason', sa.Text(), nullable=True),
    sa.Column('is_final', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['assessor_id'], ['users.id'], name=op.f('fk_assessments_assessor_id_users')),
    sa.ForeignKeyConstraint(['dwelling_id'], ['dwellings.id'], name=op.f('fk_assessments_dwelling_id_dwellings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessments'))
    )
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessments_dwelling_id'), ['dwelling_id'], unique=False)

    op.create_table('boqs',
    sa.Column('ref', sa.String(length=32), nullable=False),
    sa.Column('dwelling_id', sa.Uuid(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('previous_id', sa.Uuid(), nullable=True),
    sa.Column('catalogue_id', sa.Uuid(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'submitted', 'approved', 'returned', name='approvalstatus', native_enum=False, length=24), nullable=False),
    sa.Column('contingency_pct', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_by', sa.Uuid(), nullable=True),
    sa.Column('return_reason', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['catalogue_id'], ['price_catalogues.id'], name=op.f('fk_boqs_catalogue_id_price_catalogues')),
    sa.ForeignKeyConstraint(['decided_by'], ['users.id'], name=op.f('fk_boqs_decided_by_users')),
    sa.ForeignKeyConstraint(['dwelling_id'], ['dwellings.id'], name=op.f('fk_boqs_dwelling_id_dwellings')),
    sa.ForeignKeyConstraint(['previous_id'], ['boqs.id'], name=op.f('fk_boqs_previous_id_boqs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_boqs')),
    sa.UniqueConstraint('dwelling_id', 'revision', name=op.f('uq_boqs_dwelling_id')),
    sa.UniqueConstraint('ref', name=op.f('uq_boqs_ref'))
    )
    with op.batch_alter_table('boqs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_boqs_dwelling_id'), ['dwelling_id'], unique=False)

    op.create_table('dwelling_search_tokens',
    sa.Column('token', sa.String(length=80), nullable=False),
    sa.Column('ref', sa.String(length=32), nullable=False),
    sa.Column('dwelling_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['dwelling_id'], ['dwellings.id'], name=op.f('fk_dwelling_search_tokens_dwelling_id_dwellings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token', 'ref', name=op.f('pk_dwelling_search_tokens')),
    sqlite_with_rowid=False
    )
    with op.batch_alter_table('dwelling_search_tokens', schema=None) as batch_op:
        batch_op.create_index('ix_dwelling_search_tokens_dwelling', ['dwelling_id', 'token'], unique=False)

    op.create_table('timesheets',
    sa.Column('ref', sa.String(length=32), nullable=False),
    sa.Column('dwelling_id', sa.Uuid(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'submitted', 'approved', 'returned', name='approvalstatus', native_enum=False, length=24), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('submitted_by', sa.Uuid(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_by', sa.Uuid(), nullable=True),
    sa.Column('return_reason', sa.Text(), nullable=True),
    sa.Column('payment_batch_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['decided_by'], ['users.id'], name=op.f('fk_timesheets_decided_by_users')),
    sa.ForeignKeyConstraint(['dwelling_id'], ['dwellings.id'], name=op.f('fk_timesheets_dwelling_id_dwellings')),
    sa.ForeignKeyConstraint(['payment_batch_id'], ['payment_batches.id'], name=op.f('fk_timesheets_payment_batch_id_payment_batches')),
    sa.ForeignKeyConstraint(['submitted_by'], ['users.id'], name=op.f('fk_timesheets_submitted_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_timesheets')),
    sa.UniqueConstraint('ref', name=op.f('uq_timesheets_ref'))
    )
    with op.batch_alter_table('timesheets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_timesheets_dwelling_id'), ['dwelling_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_timesheets_payment_batch_id'), ['payment_batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_timesheets_status'), ['status'], unique=False)

    op.create_table('boq_lines',
    sa.Column('boq_id', sa.Uuid(), nullable=False),
    sa.Column('price_item_id', sa.Uuid(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('unit', sa.String(length=12), nullable=False),
    sa.Column('quantity', sa.Numeric(precision=12, scale=3), nullable=False),
    sa.Column('unit_price', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('kdv_rate', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['boq_id'], ['boqs.id'], name=op.f('fk_boq_lines_boq_id_boqs')),
    sa.ForeignKeyConstraint(['price_item_id'], ['price_items.id'], name=op.f('fk_boq_lines_price_item_id_price_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_boq_lines'))
    )
    with op.batch_alter_table('boq_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_boq_lines_boq_id'), ['boq_id'], unique=False)

    op.create_table('labour_entries',
    sa.Column('worker_id', sa.Uuid(), nullable=False),
    sa.Column('dwelling_id', sa.Uuid(), nullable=False),
    sa.Column('work_date', sa.Date(), nullable=False),
    sa.Column('portion', sa.Numeric(precision=2, scale=1), nullable=False),
    sa.Column('task', sa.String(length=120), nullable=True),
    sa.Column('timesheet_id', sa.Uuid(), nullable=True),
    sa.Column('override_reason', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['dwelling_id'], ['dwellings.id'], name=op.f('fk_labour_entries_dwelling_id_dwellings')),
    sa.ForeignKeyConstraint(['timesheet_id'], ['timesheets.id'], name=op.f('fk_labour_entries_timesheet_id_timesheets')),
    sa.ForeignKeyConstraint(['worker_id'], ['workers.id'], name=op.f('fk_labour_entries_worker_id_workers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_labour_entries'))
    )
    with op.batch_alter_table('labour_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_labour_entries_dwelling_id'), ['dwelling_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_labour_entries_timesheet_id'), ['timesheet_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_labour_entries_work_date'), ['work_date'], unique=False)
        batch_op.create_index('ix_labour_entries_worker_day', ['worker_id', 'work_date'], unique=False)

    op.create_table('lease_agreements',
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('office_id', sa.Uuid(), nullable=False),
    sa.Column('dwelling_id', sa.Uuid(), nullable=False),
    sa.Column('landlord_id', sa.Uuid(), nullable=False),
    sa.Column('household_id', sa.Uuid(), nullable=False),
    sa.Column('boq_id', sa.Uuid(), nullable=True),
    sa.Column('renewal_of_id', sa.Uuid(), nullable=True),
    sa.Column('status', sa.Enum('draft', 'printed', 'signed', 'active', 'ended', 'terminated', 'breached', name='agreementstatus', native_enum=False, length=24), nullable=False),
    sa.Column('term_months', sa.Integer(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('monthly_rent', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('rent_free_months', sa.Integer(), nullable=False),
    sa.Column('deposit', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('payment_day', sa.Integer(), nullable=False),
    sa.Column('payment_iban', sa.String(length=26), nullable=True),
    sa.Column('fixtures', sa.Text(), nullable=True),
    sa.Column('utilities', sa.Text(), nullable=True),
    sa.Column('title_deed_block', sa.String(length=20), nullable=True),
    sa.Column('title_deed_parcel', sa.String(length=20), nullable=True),
    sa.Column('court', sa.String(length=120), nullable=True),
    sa.Column('languages', sa.String(length=8), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.Column('signed_scan_sha256', sa.String(length=64), nullable=True),
    sa.Column('end_reason', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['boq_id'], ['boqs.id'], name=op.f('fk_lease_agreements_boq_id_boqs')),
    sa.ForeignKeyConstraint(['dwelling_id'], ['dwellings.id'], name=op.f('fk_lease_agreements_dwelling_id_dwellings')),
    sa.ForeignKeyConstraint(['household_id'], ['households.id'], name=op.f('fk_lease_agreements_household_id_households')),
    sa.ForeignKeyConstraint(['landlord_id'], ['landlords.id'], name=op.f('fk_lease_agreements_landlord_id_landlords')),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_lease_agreements_office_id_offices')),
    sa.ForeignKeyConstraint(['renewal_of_id'], ['lease_agreements.id'], name=op.f('fk_lease_agreements_renewal_of_id_lease_agreements')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lease_agreements')),
    sa.UniqueConstraint('number', name=op.f('uq_lease_agreements_number'))
    )
    with op.batch_alter_table('lease_agreements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lease_agreements_dwelling_id'), ['dwelling_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_lease_agreements_end_date'), ['end_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_lease_agreements_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_lease_agreements_landlord_id'), ['landlord_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_lease_agreements_office_id'), ['office_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_lease_agreements_status'), ['status'], unique=False)

    op.create_table('photos',
    sa.Column('dwelling_id', sa.Uuid(), nullable=False),
    sa.Column('assessment_id', sa.Uuid(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('taken_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('latitude', sa.Numeric(precision=9, scale=6), nullable=True),
    sa.Column('longitude', sa.Numeric(precision=9, scale=6), nullable=True),
    sa.Column('tag', sa.Enum('before', 'during', 'after', name='phototag', native_enum=False, length=24), nullable=False),
    sa.Column('caption', sa.Text(), nullable=True),
    sa.Column('component', sa.String(length=40), nullable=True),
    sa.Column('original_name', sa.String(length=255), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_photos_assessment_id_assessments')),
    sa.ForeignKeyConstraint(['dwelling_id'], ['dwellings.id'], name=op.f('fk_photos_dwelling_id_dwellings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_photos'))
    )
    with op.batch_alter_table('photos', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_photos_dwelling_id'), ['dwelling_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_photos_sha256'), ['sha256'], unique=False)

    op.create_table('monitoring_visits',
    sa.Column('agreement_id', sa.Uuid(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('visited_on', sa.Date(), nullable=True),
    sa.Column('rent_paid', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('household_present', sa.Boolean(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['agreement_id'], ['lease_agreements.id'], name=op.f('fk_monitoring_visits_agreement_id_lease_agreements')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_monitoring_visits'))
    )
    with op.batch_alter_table('monitoring_visits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_monitoring_visits_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_monitoring_visits_due_on'), ['due_on'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('monitoring_visits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_monitoring_visits_due_on'))
        batch_op.drop_index(batch_op.f('ix_monitoring_visits_agreement_id'))

    op.drop_table('monitoring_visits')
    with op.batch_alter_table('photos', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_photos_sha256'))
        batch_op.drop_index(batch_op.f('ix_photos_dwelling_id'))

    op.drop_table('photos')
    with op.batch_alter_table('lease_agreements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lease_agreements_status'))
        batch_op.drop_index(batch_op.f('ix_lease_agreements_office_id'))
        batch_op.drop_index(batch_op.f('ix_lease_agreements_landlord_id'))
        batch_op.drop_index(batch_op.f('ix_lease_agreements_household_id'))
        batch_op.drop_index(batch_op.f('ix_lease_agreements_end_date'))
        batch_op.drop_index(batch_op.f('ix_lease_agreements_dwelling_id'))

    op.drop_table('lease_agreements')
    with op.batch_alter_table('labour_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_labour_entries_worker_day')
        batch_op.drop_index(batch_op.f('ix_labour_entries_work_date'))
        batch_op.drop_index(batch_op.f('ix_labour_entries_timesheet_id'))
        batch_op.drop_index(batch_op.f('ix_labour_entries_dwelling_id'))

    op.drop_table('labour_entries')
    with op.batch_alter_table('boq_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_boq_lines_boq_id'))

    op.drop_table('boq_lines')
    with op.batch_alter_table('timesheets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_timesheets_status'))
        batch_op.drop_index(batch_op.f('ix_timesheets_payment_batch_id'))
        batch_op.drop_index(batch_op.f('ix_timesheets_dwelling_id'))

    op.drop_table('timesheets')
    with op.batch_alter_table('dwelling_search_tokens', schema=None) as batch_op:
        batch_op.drop_index('ix_dwelling_search_tokens_dwelling')

    op.drop_table('dwelling_search_tokens')
    with op.batch_alter_table('boqs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_boqs_dwelling_id'))

    op.drop_table('boqs')
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessments_dwelling_id'))

    op.drop_table('assessments')
    with op.batch_alter_table('workers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workers_id_number'))
        batch_op.drop_index(batch_op.f('ix_workers_household_id'))

    op.drop_table('workers')
    with op.batch_alter_table('dwellings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dwellings_stage'))
        batch_op.drop_index(batch_op.f('ix_dwellings_province'))
        batch_op.drop_index(batch_op.f('ix_dwellings_office_id'))
        batch_op.drop_index(batch_op.f('ix_dwellings_landlord_id'))
        batch_op.drop_index(batch_op.f('ix_dwellings_household_id'))

    op.drop_table('dwellings')
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_events_user_id'))
        batch_op.drop_index(batch_op.f('ix_audit_events_entity_id'))

    op.drop_table('audit_events')
    op.drop_table('users')
    with op.batch_alter_table('settings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_settings_key'))

    op.drop_table('settings')
    with op.batch_alter_table('price_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_price_items_catalogue_id'))

    op.drop_table('price_items')
    with op.batch_alter_table('landlords', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_landlords_tax_number'))
        batch_op.drop_index(batch_op.f('ix_landlords_office_id'))
        batch_op.drop_index(batch_op.f('ix_landlords_id_number'))
        batch_op.drop_index(batch_op.f('ix_landlords_iban'))

    op.drop_table('landlords')
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_households_office_id'))
        batch_op.drop_index(batch_op.f('ix_households_head_id_number'))

    op.drop_table('households')
    op.drop_table('price_catalogues')
    with op.batch_alter_table('payment_batches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payment_batches_period'))

    op.drop_table('payment_batches')
    op.drop_table('offices')
