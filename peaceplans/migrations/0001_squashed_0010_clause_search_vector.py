"""0001-0010 in one: the models as they stand, then the data steps of 0002-0006 and 0010.

A new database applies this one migration, which is quicker than ten that alter the same models
again and again (the state of every model is rebuilt after each AddField/AlterField). A
database that has applied 0001-0010 counts this one as applied (`replaces`). The data steps are
the old migrations' own functions, run in their order once the tables exist: the editors' group
and its permissions (0002, 0004, 0005), drafts already published (0003: none on a new
database), and PostgreSQL's search vectors (0006, 0010)."""

import importlib


import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def _step(migration: str, function: str):
    return getattr(importlib.import_module(f"peaceplans.migrations.{migration}"), function)


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ("peaceplans", "0001_initial"),
        ("peaceplans", "0002_editors_group"),
        ("peaceplans", "0003_draft_editorial_state"),
        ("peaceplans", "0004_editorial_permissions"),
        ("peaceplans", "0005_second_edition"),
        ("peaceplans", "0006_search_vectors"),
        ("peaceplans", "0007_record_version"),
        ("peaceplans", "0008_drop_indexes_the_unique_keys_cover"),
        ("peaceplans", "0009_position_date_note"),
        ("peaceplans", "0010_clause_search_vector"),
    ]

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name='Clause',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(help_text='Used in links; lowercase letters, digits and hyphens. Never change a published slug.')),
                ('title', models.CharField(help_text='What the provision is about.', max_length=200)),
                ('topic', models.CharField(choices=[('sovereignty', 'Sovereignty'), ('security', 'Security guarantees'), ('military', 'Armed forces'), ('alliances', 'Alliances (NATO, EU)'), ('territory', 'Territory'), ('economy', 'Economy and reconstruction'), ('sanctions', 'Sanctions and assets'), ('nuclear', 'Nuclear'), ('humanitarian', 'Humanitarian'), ('governance', 'Governance and elections'), ('implementation', 'Implementation')], max_length=20)),
                ('description', models.TextField(blank=True)),
            ],
            options={
                'ordering': ['plan_id', 'title'],
            },
        ),
        migrations.CreateModel(
            name='ClauseDerivation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('basis', models.CharField(choices=[('stated', 'Stated by a source'), ('editorial', 'Our editorial alignment by subject')], default='editorial', help_text='Stated: a source says this clause came from that one. Editorial: our reading.', max_length=20)),
                ('note', models.CharField(blank=True, help_text='e.g. which source states it.', max_length=300)),
            ],
        ),
        migrations.CreateModel(
            name='Plan',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(help_text='Used in links; lowercase letters, digits and hyphens. Never change a published slug.', unique=True)),
                ('title', models.CharField(max_length=200)),
                ('summary', models.TextField(blank=True)),
                ('recorded_up_to', models.DateField(blank=True, help_text="The last date the reporting behind this record covers. Readers are told that nothing after it is recorded, so silence is not read as 'nothing happened'.", null=True)),
                ('recorded_up_to_note', models.CharField(blank=True, help_text="e.g. 'Searches for April–November 2026 found nothing.'", max_length=300)),
            ],
            options={
                'ordering': ['title'],
            },
        ),
        migrations.CreateModel(
            name='RecordVersion',
            fields=[
                ('scope', models.CharField(max_length=80, primary_key=True, serialize=False)),
                ('number', models.PositiveBigIntegerField(default=0)),
                ('changed_at', models.DateTimeField()),
            ],
            options={
                'ordering': ['scope'],
            },
        ),
        migrations.CreateModel(
            name='ClauseVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('label', models.CharField(help_text="Its number in this draft: '7', '12a', '15-20b'. Letters, digits, '.', '-'.", max_length=20)),
                ('position', models.PositiveIntegerField(help_text='Order within the draft.')),
                ('heading', models.CharField(blank=True, max_length=200)),
                ('text', models.TextField(blank=True, help_text="Plain text. Leave empty only when the basis is 'text not known'.")),
                ('basis', models.CharField(choices=[('official', 'Verbatim official text'), ('official-paraphrase', 'Our paraphrase of an officially published text'), ('leaked', 'Verbatim leaked text'), ('reported', 'Reported paraphrase'), ('unknown', 'Text not known')], default='reported', max_length=20)),
                ('disputed', models.BooleanField(default=False, help_text='Sources conflict on this text; cite both.')),
                ('dispute_note', models.TextField(blank=True, help_text='What the sources disagree on.')),
                ('clause', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='versions', to='peaceplans.clause')),
                ('derived_from', models.ManyToManyField(blank=True, help_text='The earlier version(s) this one came from, each link with its basis (stated by a source or our editorial alignment); splits and merges have several.', related_name='successors', through='peaceplans.ClauseDerivation', to='peaceplans.clauseversion')),
            ],
            options={
                'ordering': ['draft_id', 'position', 'label'],
            },
        ),
        migrations.AddField(
            model_name='clausederivation',
            name='child',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='parent_links', to='peaceplans.clauseversion'),
        ),
        migrations.AddField(
            model_name='clausederivation',
            name='parent',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='child_links', to='peaceplans.clauseversion'),
        ),
        migrations.CreateModel(
            name='Draft',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(help_text='Used in links; lowercase letters, digits and hyphens. Never change a published slug.')),
                ('title', models.CharField(max_length=200)),
                ('sequence', models.PositiveIntegerField(help_text="Place in the plan's time line (1 = earliest). Unique within the plan.")),
                ('date', models.DateField(blank=True, help_text='Date of the draft, if known.', null=True)),
                ('date_note', models.CharField(blank=True, help_text="e.g. 'reported 20 Nov 2025; leaked'.", max_length=200)),
                ('kind', models.CharField(choices=[('draft', 'Draft of the plan'), ('mentioned', 'Mentioned only (known to exist; no text)'), ('companion', 'Companion document (bound to the plan, not a revision of it)')], default='draft', help_text='Mentioned: reports say it exists but give none of its text (it gets no column in the matrix). Companion: its own text, bound to the plan but not a revision of it.', max_length=20)),
                ('authorship_disputed', models.BooleanField(default=False, help_text='Sources disagree on who wrote it; say how in the note.')),
                ('authorship_note', models.TextField(blank=True, help_text='Who says what about authorship.')),
                ('disputed', models.BooleanField(default=False, help_text='Sources disagree on what this item is (not on one clause); cite both.')),
                ('dispute_note', models.TextField(blank=True)),
                ('derivation_note', models.TextField(blank=True, help_text='How it relates to earlier drafts and what it drew on; say whether a source states the link or it is our reading.')),
                ('standing', models.CharField(choices=[('proposed', 'Proposed'), ('leaked', 'Leaked'), ('released', 'Released'), ('not-adopted', 'Proposed, not adopted'), ('superseded', 'Superseded'), ('agreed', 'Agreed')], default='proposed', max_length=20)),
                ('text_coverage', models.CharField(choices=[('complete', 'Every clause is recorded'), ('partial', 'Only some clauses were reported'), ('unknown', 'Its text is not known')], default='complete', help_text="Partial: a clause missing from this draft is 'not reported', not 'dropped'. Unknown: the draft is known to exist but none of its text was reported.", max_length=20)),
                ('summary', models.TextField(blank=True)),
                ('editorial_state', models.CharField(choices=[('preparation', 'In preparation (editors only)'), ('published', 'Published')], default='preparation', help_text='Its state in this tool, not in the negotiation. Once published, readers see it and its clause texts change only through corrections with a reason.', max_length=20)),
                ('companion_to', models.ForeignKey(blank=True, help_text='For a companion document: the draft it accompanies.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='companions', to='peaceplans.draft')),
                ('derived_from', models.ManyToManyField(blank=True, help_text='The draft(s) this one revises.', related_name='revisions', to='peaceplans.draft')),
                ('dropped_clauses', models.ManyToManyField(blank=True, help_text='Clauses the reporting says this draft removed (for partly known drafts).', related_name='dropped_in', to='peaceplans.clause')),
            ],
            options={
                'ordering': ['plan_id', 'sequence'],
                'permissions': [('view_unpublished', 'Can see drafts in preparation'), ('publish_draft', 'Can publish drafts')],
            },
        ),
        migrations.AddField(
            model_name='clauseversion',
            name='draft',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='clause_versions', to='peaceplans.draft'),
        ),
        migrations.CreateModel(
            name='Event',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(help_text='Used in links; lowercase letters, digits and hyphens. Never change a published slug.')),
                ('kind', models.CharField(choices=[('round', 'Round of talks'), ('meeting', 'Meeting'), ('handover', 'Handover of a text'), ('declaration', 'Declaration or statement'), ('pause', 'Pause or postponement'), ('other', 'Other')], default='meeting', max_length=20)),
                ('title', models.CharField(max_length=200)),
                ('date', models.DateField(help_text='First day, as best known; say how sure in the date note.')),
                ('end_date', models.DateField(blank=True, help_text='Last day, if it lasted longer.', null=True)),
                ('date_note', models.CharField(blank=True, help_text="How sure the date is, e.g. 'about 29 Jan'.", max_length=200)),
                ('place', models.CharField(blank=True, max_length=120)),
                ('summary', models.TextField(help_text='What was reported, in our own words.')),
                ('disputed', models.BooleanField(default=False)),
                ('dispute_note', models.TextField(blank=True)),
                ('drafts', models.ManyToManyField(blank=True, help_text='The drafts it concerns.', related_name='events', to='peaceplans.draft')),
            ],
            options={
                'ordering': ['date', 'slug'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalClauseVersion',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('label', models.CharField(help_text="Its number in this draft: '7', '12a', '15-20b'. Letters, digits, '.', '-'.", max_length=20)),
                ('position', models.PositiveIntegerField(help_text='Order within the draft.')),
                ('heading', models.CharField(blank=True, max_length=200)),
                ('text', models.TextField(blank=True, help_text="Plain text. Leave empty only when the basis is 'text not known'.")),
                ('basis', models.CharField(choices=[('official', 'Verbatim official text'), ('official-paraphrase', 'Our paraphrase of an officially published text'), ('leaked', 'Verbatim leaked text'), ('reported', 'Reported paraphrase'), ('unknown', 'Text not known')], default='reported', max_length=20)),
                ('disputed', models.BooleanField(default=False, help_text='Sources conflict on this text; cite both.')),
                ('dispute_note', models.TextField(blank=True, help_text='What the sources disagree on.')),
                ('history_change_reason', models.TextField(null=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('clause', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.clause')),
                ('draft', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.draft')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical clause version',
                'verbose_name_plural': 'historical clause versions',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalClauseDerivation',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('basis', models.CharField(choices=[('stated', 'Stated by a source'), ('editorial', 'Our editorial alignment by subject')], default='editorial', help_text='Stated: a source says this clause came from that one. Editorial: our reading.', max_length=20)),
                ('note', models.CharField(blank=True, help_text='e.g. which source states it.', max_length=300)),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('child', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.clauseversion')),
                ('parent', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.clauseversion')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='peaceplans.historicalclauseversion')),
            ],
            options={
                'verbose_name': 'HistoricalClauseDerivation',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalDraft',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('slug', models.SlugField(help_text='Used in links; lowercase letters, digits and hyphens. Never change a published slug.')),
                ('title', models.CharField(max_length=200)),
                ('sequence', models.PositiveIntegerField(help_text="Place in the plan's time line (1 = earliest). Unique within the plan.")),
                ('date', models.DateField(blank=True, help_text='Date of the draft, if known.', null=True)),
                ('date_note', models.CharField(blank=True, help_text="e.g. 'reported 20 Nov 2025; leaked'.", max_length=200)),
                ('kind', models.CharField(choices=[('draft', 'Draft of the plan'), ('mentioned', 'Mentioned only (known to exist; no text)'), ('companion', 'Companion document (bound to the plan, not a revision of it)')], default='draft', help_text='Mentioned: reports say it exists but give none of its text (it gets no column in the matrix). Companion: its own text, bound to the plan but not a revision of it.', max_length=20)),
                ('authorship_disputed', models.BooleanField(default=False, help_text='Sources disagree on who wrote it; say how in the note.')),
                ('authorship_note', models.TextField(blank=True, help_text='Who says what about authorship.')),
                ('disputed', models.BooleanField(default=False, help_text='Sources disagree on what this item is (not on one clause); cite both.')),
                ('dispute_note', models.TextField(blank=True)),
                ('derivation_note', models.TextField(blank=True, help_text='How it relates to earlier drafts and what it drew on; say whether a source states the link or it is our reading.')),
                ('standing', models.CharField(choices=[('proposed', 'Proposed'), ('leaked', 'Leaked'), ('released', 'Released'), ('not-adopted', 'Proposed, not adopted'), ('superseded', 'Superseded'), ('agreed', 'Agreed')], default='proposed', max_length=20)),
                ('text_coverage', models.CharField(choices=[('complete', 'Every clause is recorded'), ('partial', 'Only some clauses were reported'), ('unknown', 'Its text is not known')], default='complete', help_text="Partial: a clause missing from this draft is 'not reported', not 'dropped'. Unknown: the draft is known to exist but none of its text was reported.", max_length=20)),
                ('summary', models.TextField(blank=True)),
                ('editorial_state', models.CharField(choices=[('preparation', 'In preparation (editors only)'), ('published', 'Published')], default='preparation', help_text='Its state in this tool, not in the negotiation. Once published, readers see it and its clause texts change only through corrections with a reason.', max_length=20)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('companion_to', models.ForeignKey(blank=True, db_constraint=False, help_text='For a companion document: the draft it accompanies.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.draft')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('plan', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.plan')),
            ],
            options={
                'verbose_name': 'historical draft',
                'verbose_name_plural': 'historical drafts',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalDraft_derived_from',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('from_draft', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.draft')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='peaceplans.historicaldraft')),
                ('to_draft', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.draft')),
            ],
            options={
                'verbose_name': 'HistoricalDraft_derived_from',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalDraft_dropped_clauses',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('clause', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.clause')),
                ('draft', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.draft')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='peaceplans.historicaldraft')),
            ],
            options={
                'verbose_name': 'HistoricalDraft_dropped_clauses',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalEvent',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('slug', models.SlugField(help_text='Used in links; lowercase letters, digits and hyphens. Never change a published slug.')),
                ('kind', models.CharField(choices=[('round', 'Round of talks'), ('meeting', 'Meeting'), ('handover', 'Handover of a text'), ('declaration', 'Declaration or statement'), ('pause', 'Pause or postponement'), ('other', 'Other')], default='meeting', max_length=20)),
                ('title', models.CharField(max_length=200)),
                ('date', models.DateField(help_text='First day, as best known; say how sure in the date note.')),
                ('end_date', models.DateField(blank=True, help_text='Last day, if it lasted longer.', null=True)),
                ('date_note', models.CharField(blank=True, help_text="How sure the date is, e.g. 'about 29 Jan'.", max_length=200)),
                ('place', models.CharField(blank=True, max_length=120)),
                ('summary', models.TextField(help_text='What was reported, in our own words.')),
                ('disputed', models.BooleanField(default=False)),
                ('dispute_note', models.TextField(blank=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('plan', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.plan')),
            ],
            options={
                'verbose_name': 'historical event',
                'verbose_name_plural': 'historical events',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalEvent_drafts',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('draft', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.draft')),
                ('event', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.event')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='peaceplans.historicalevent')),
            ],
            options={
                'verbose_name': 'HistoricalEvent_drafts',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalParty',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('slug', models.SlugField(help_text='Used in links; lowercase letters, digits and hyphens. Never change a published slug.')),
                ('name', models.CharField(db_index=True, max_length=120)),
                ('short_name', models.CharField(help_text="Shown on badges, e.g. 'US'.", max_length=20)),
                ('kind', models.CharField(choices=[('state', 'State'), ('bloc', 'Bloc or coalition'), ('mediator', 'Mediator'), ('organisation', 'International organisation')], default='state', max_length=20)),
                ('colour', models.CharField(default='#555555', help_text='Badge colour as #rrggbb.', max_length=7)),
                ('description', models.TextField(blank=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical party',
                'verbose_name_plural': 'historical parties',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalPlan',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('slug', models.SlugField(help_text='Used in links; lowercase letters, digits and hyphens. Never change a published slug.')),
                ('title', models.CharField(max_length=200)),
                ('summary', models.TextField(blank=True)),
                ('recorded_up_to', models.DateField(blank=True, help_text="The last date the reporting behind this record covers. Readers are told that nothing after it is recorded, so silence is not read as 'nothing happened'.", null=True)),
                ('recorded_up_to_note', models.CharField(blank=True, help_text="e.g. 'Searches for April–November 2026 found nothing.'", max_length=300)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical plan',
                'verbose_name_plural': 'historical plans',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalReportedPointCount',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('count', models.PositiveIntegerField(blank=True, help_text='The number, if one was given.', null=True)),
                ('as_reported', models.CharField(help_text="In words, e.g. '20, with agreement on 18' or 'one page'.", max_length=200)),
                ('reported_by', models.CharField(blank=True, help_text="e.g. 'FT, Kyslytsya'.", max_length=200)),
                ('position', models.PositiveIntegerField(default=1, help_text="Order on the draft's page.")),
                ('disputed', models.BooleanField(default=False, help_text='Other sources give another count; keep them all.')),
                ('note', models.TextField(blank=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('draft', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.draft')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical reported point count',
                'verbose_name_plural': 'historical reported point counts',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalSource',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('title', models.CharField(max_length=300)),
                ('publisher', models.CharField(blank=True, max_length=200)),
                ('published_on', models.DateField(blank=True, help_text='Publication date, if the source states one.', null=True)),
                ('date_note', models.CharField(blank=True, help_text="How sure the date is, e.g. '~20–21 Nov 2025 (not stamped)'.", max_length=200)),
                ('url', models.URLField(blank=True, help_text='Leave empty for print or broadcast.', max_length=600)),
                ('quote', models.TextField(blank=True, help_text='A short quotation, if useful.')),
                ('reliability', models.CharField(choices=[('primary', 'Primary (official statement or document)'), ('agency', 'Agency or major outlet'), ('secondary', 'Secondary report (cites others)'), ('low', 'Low-reliability mirror or aggregator')], default='secondary', max_length=20)),
                ('reliability_note', models.CharField(blank=True, max_length=300)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical source',
                'verbose_name_plural': 'historical sources',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Party',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(help_text='Used in links; lowercase letters, digits and hyphens. Never change a published slug.', unique=True)),
                ('name', models.CharField(max_length=120, unique=True)),
                ('short_name', models.CharField(help_text="Shown on badges, e.g. 'US'.", max_length=20)),
                ('kind', models.CharField(choices=[('state', 'State'), ('bloc', 'Bloc or coalition'), ('mediator', 'Mediator'), ('organisation', 'International organisation')], default='state', max_length=20)),
                ('colour', models.CharField(default='#555555', help_text='Badge colour as #rrggbb.', max_length=7)),
                ('description', models.TextField(blank=True)),
            ],
            options={
                'verbose_name_plural': 'parties',
                'ordering': ['name'],
                'constraints': [models.CheckConstraint(condition=models.Q(('colour__regex', '^#[0-9a-fA-F]{6}$')), name='party_colour_is_hex')],
            },
        ),
        migrations.CreateModel(
            name='HistoricalPosition',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('stance', models.CharField(choices=[('proposed', 'Proposed it'), ('supports', 'Supports'), ('reservations', 'Has reservations'), ('objects', 'Objects'), ('unknown', 'Unknown')], max_length=20)),
                ('summary', models.TextField(help_text='What the party said, in our own words.')),
                ('stated_on', models.DateField(blank=True, help_text='The first day when it spans days or is approximate.', null=True)),
                ('date_note', models.CharField(blank=True, help_text="How sure the date is, e.g. '23–24 Dec 2025' or 'about 27 Feb 2026'.", max_length=200)),
                ('speaker', models.CharField(blank=True, help_text="Who spoke for the party, e.g. 'Yuri Ushakov'.", max_length=120)),
                ('disputed', models.BooleanField(default=False)),
                ('dispute_note', models.TextField(blank=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('clause_version', models.ForeignKey(blank=True, db_constraint=False, help_text='Set for a stance on one clause; leave empty for the whole draft.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.clauseversion')),
                ('draft', models.ForeignKey(blank=True, db_constraint=False, help_text='Set for a stance on the draft as a whole; leave empty for one clause.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.draft')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('party', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.party')),
            ],
            options={
                'verbose_name': 'historical position',
                'verbose_name_plural': 'historical positions',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalEvent_parties',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('event', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.event')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='peaceplans.historicalevent')),
                ('party', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.party')),
            ],
            options={
                'verbose_name': 'HistoricalEvent_parties',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalDraft_authors',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('draft', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.draft')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='peaceplans.historicaldraft')),
                ('party', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.party')),
            ],
            options={
                'verbose_name': 'HistoricalDraft_authors',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name='event',
            name='parties',
            field=models.ManyToManyField(blank=True, related_name='events', to='peaceplans.party'),
        ),
        migrations.AddField(
            model_name='draft',
            name='authors',
            field=models.ManyToManyField(blank=True, related_name='authored_drafts', to='peaceplans.party'),
        ),
        migrations.CreateModel(
            name='HistoricalSlugRedirect',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('kind', models.CharField(choices=[('draft', 'Draft'), ('clause', 'Clause')], max_length=10)),
                ('old_slug', models.SlugField()),
                ('new_slug', models.SlugField()),
                ('note', models.CharField(blank=True, help_text='Why it moved.', max_length=200)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('plan', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.plan')),
            ],
            options={
                'verbose_name': 'historical slug redirect',
                'verbose_name_plural': 'historical slug redirects',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalClause',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('slug', models.SlugField(help_text='Used in links; lowercase letters, digits and hyphens. Never change a published slug.')),
                ('title', models.CharField(help_text='What the provision is about.', max_length=200)),
                ('topic', models.CharField(choices=[('sovereignty', 'Sovereignty'), ('security', 'Security guarantees'), ('military', 'Armed forces'), ('alliances', 'Alliances (NATO, EU)'), ('territory', 'Territory'), ('economy', 'Economy and reconstruction'), ('sanctions', 'Sanctions and assets'), ('nuclear', 'Nuclear'), ('humanitarian', 'Humanitarian'), ('governance', 'Governance and elections'), ('implementation', 'Implementation')], max_length=20)),
                ('description', models.TextField(blank=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('plan', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.plan')),
            ],
            options={
                'verbose_name': 'historical clause',
                'verbose_name_plural': 'historical clauses',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name='event',
            name='plan',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='events', to='peaceplans.plan'),
        ),
        migrations.AddField(
            model_name='draft',
            name='plan',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='drafts', to='peaceplans.plan'),
        ),
        migrations.AddField(
            model_name='clause',
            name='plan',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='clauses', to='peaceplans.plan'),
        ),
        migrations.CreateModel(
            name='SlugRedirect',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('draft', 'Draft'), ('clause', 'Clause')], max_length=10)),
                ('old_slug', models.SlugField()),
                ('new_slug', models.SlugField()),
                ('note', models.CharField(blank=True, help_text='Why it moved.', max_length=200)),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='redirects', to='peaceplans.plan')),
            ],
            options={
                'ordering': ['kind', 'old_slug'],
            },
        ),
        migrations.CreateModel(
            name='Source',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=300)),
                ('publisher', models.CharField(blank=True, max_length=200)),
                ('published_on', models.DateField(blank=True, help_text='Publication date, if the source states one.', null=True)),
                ('date_note', models.CharField(blank=True, help_text="How sure the date is, e.g. '~20–21 Nov 2025 (not stamped)'.", max_length=200)),
                ('url', models.URLField(blank=True, help_text='Leave empty for print or broadcast.', max_length=600)),
                ('quote', models.TextField(blank=True, help_text='A short quotation, if useful.')),
                ('reliability', models.CharField(choices=[('primary', 'Primary (official statement or document)'), ('agency', 'Agency or major outlet'), ('secondary', 'Secondary report (cites others)'), ('low', 'Low-reliability mirror or aggregator')], default='secondary', max_length=20)),
                ('reliability_note', models.CharField(blank=True, max_length=300)),
            ],
            options={
                'ordering': ['published_on', 'title'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('url', ''), _negated=True), fields=('url',), name='source_url_unique_when_given')],
            },
        ),
        migrations.CreateModel(
            name='ReportedPointCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('count', models.PositiveIntegerField(blank=True, help_text='The number, if one was given.', null=True)),
                ('as_reported', models.CharField(help_text="In words, e.g. '20, with agreement on 18' or 'one page'.", max_length=200)),
                ('reported_by', models.CharField(blank=True, help_text="e.g. 'FT, Kyslytsya'.", max_length=200)),
                ('position', models.PositiveIntegerField(default=1, help_text="Order on the draft's page.")),
                ('disputed', models.BooleanField(default=False, help_text='Other sources give another count; keep them all.')),
                ('note', models.TextField(blank=True)),
                ('draft', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='point_counts', to='peaceplans.draft')),
                ('sources', models.ManyToManyField(related_name='point_counts', to='peaceplans.source')),
            ],
            options={
                'ordering': ['draft_id', 'position'],
            },
        ),
        migrations.CreateModel(
            name='Position',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('stance', models.CharField(choices=[('proposed', 'Proposed it'), ('supports', 'Supports'), ('reservations', 'Has reservations'), ('objects', 'Objects'), ('unknown', 'Unknown')], max_length=20)),
                ('summary', models.TextField(help_text='What the party said, in our own words.')),
                ('stated_on', models.DateField(blank=True, help_text='The first day when it spans days or is approximate.', null=True)),
                ('date_note', models.CharField(blank=True, help_text="How sure the date is, e.g. '23–24 Dec 2025' or 'about 27 Feb 2026'.", max_length=200)),
                ('speaker', models.CharField(blank=True, help_text="Who spoke for the party, e.g. 'Yuri Ushakov'.", max_length=120)),
                ('disputed', models.BooleanField(default=False)),
                ('dispute_note', models.TextField(blank=True)),
                ('clause_version', models.ForeignKey(blank=True, help_text='Set for a stance on one clause; leave empty for the whole draft.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='positions', to='peaceplans.clauseversion')),
                ('draft', models.ForeignKey(blank=True, help_text='Set for a stance on the draft as a whole; leave empty for one clause.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='positions', to='peaceplans.draft')),
                ('party', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='positions', to='peaceplans.party')),
                ('sources', models.ManyToManyField(related_name='positions', to='peaceplans.source')),
            ],
            options={
                'ordering': ['stated_on', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalReportedPointCount_sources',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='peaceplans.historicalreportedpointcount')),
                ('reportedpointcount', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.reportedpointcount')),
                ('source', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.source')),
            ],
            options={
                'verbose_name': 'HistoricalReportedPointCount_sources',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalPosition_sources',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='peaceplans.historicalposition')),
                ('position', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.position')),
                ('source', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.source')),
            ],
            options={
                'verbose_name': 'HistoricalPosition_sources',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalEvent_sources',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('event', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.event')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='peaceplans.historicalevent')),
                ('source', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.source')),
            ],
            options={
                'verbose_name': 'HistoricalEvent_sources',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalDraft_sources',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('draft', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.draft')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='peaceplans.historicaldraft')),
                ('source', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.source')),
            ],
            options={
                'verbose_name': 'HistoricalDraft_sources',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalClauseVersion_sources',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('clauseversion', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.clauseversion')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='peaceplans.historicalclauseversion')),
                ('source', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peaceplans.source')),
            ],
            options={
                'verbose_name': 'HistoricalClauseVersion_sources',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name='event',
            name='sources',
            field=models.ManyToManyField(related_name='events', to='peaceplans.source'),
        ),
        migrations.AddField(
            model_name='draft',
            name='sources',
            field=models.ManyToManyField(blank=True, related_name='drafts', to='peaceplans.source'),
        ),
        migrations.AddField(
            model_name='clauseversion',
            name='sources',
            field=models.ManyToManyField(blank=True, related_name='clause_versions', to='peaceplans.source'),
        ),
        migrations.AddConstraint(
            model_name='clausederivation',
            constraint=models.UniqueConstraint(fields=('child', 'parent'), name='derivation_unique'),
        ),
        migrations.AddConstraint(
            model_name='clausederivation',
            constraint=models.CheckConstraint(condition=models.Q(('child', models.F('parent')), _negated=True), name='derivation_not_self'),
        ),
        migrations.AddConstraint(
            model_name='clause',
            constraint=models.UniqueConstraint(fields=('plan', 'slug'), name='clause_slug_unique_in_plan'),
        ),
        migrations.AddConstraint(
            model_name='slugredirect',
            constraint=models.UniqueConstraint(fields=('plan', 'kind', 'old_slug'), name='redirect_once_per_old_slug'),
        ),
        migrations.AddConstraint(
            model_name='slugredirect',
            constraint=models.CheckConstraint(condition=models.Q(('old_slug', models.F('new_slug')), _negated=True), name='redirect_not_to_itself'),
        ),
        migrations.AddConstraint(
            model_name='reportedpointcount',
            constraint=models.UniqueConstraint(fields=('draft', 'as_reported'), name='point_count_once_per_draft'),
        ),
        migrations.AddConstraint(
            model_name='reportedpointcount',
            constraint=models.CheckConstraint(condition=models.Q(('as_reported', ''), _negated=True), name='point_count_says_what_was_reported'),
        ),
        migrations.AddConstraint(
            model_name='position',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('clause_version__isnull', False), ('draft__isnull', True)), models.Q(('clause_version__isnull', True), ('draft__isnull', False)), _connector='OR'), name='position_on_draft_xor_clause'),
        ),
        migrations.AddConstraint(
            model_name='position',
            constraint=models.CheckConstraint(condition=models.Q(('disputed', False), models.Q(('dispute_note', ''), _negated=True), _connector='OR'), name='position_dispute_explained'),
        ),
        migrations.AddConstraint(
            model_name='position',
            constraint=models.CheckConstraint(condition=models.Q(('summary', ''), _negated=True), name='position_has_summary'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.UniqueConstraint(fields=('plan', 'slug'), name='event_slug_unique_in_plan'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('end_date__isnull', True), ('end_date__gte', models.F('date')), _connector='OR'), name='event_ends_after_it_starts'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('disputed', False), models.Q(('dispute_note', ''), _negated=True), _connector='OR'), name='event_dispute_explained'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('summary', ''), _negated=True), name='event_has_summary'),
        ),
        migrations.AddConstraint(
            model_name='draft',
            constraint=models.UniqueConstraint(fields=('plan', 'slug'), name='draft_slug_unique_in_plan'),
        ),
        migrations.AddConstraint(
            model_name='draft',
            constraint=models.UniqueConstraint(fields=('plan', 'sequence'), name='draft_sequence_unique_in_plan'),
        ),
        migrations.AddConstraint(
            model_name='draft',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'mentioned'), _negated=True), ('text_coverage', 'unknown'), _connector='OR'), name='draft_mentioned_has_no_text'),
        ),
        migrations.AddConstraint(
            model_name='draft',
            constraint=models.CheckConstraint(condition=models.Q(('companion_to__isnull', True), ('kind', 'companion'), _connector='OR'), name='draft_only_companions_accompany'),
        ),
        migrations.AddConstraint(
            model_name='draft',
            constraint=models.CheckConstraint(condition=models.Q(('authorship_disputed', False), models.Q(('authorship_note', ''), _negated=True), _connector='OR'), name='draft_authorship_dispute_explained'),
        ),
        migrations.AddConstraint(
            model_name='draft',
            constraint=models.CheckConstraint(condition=models.Q(('disputed', False), models.Q(('dispute_note', ''), _negated=True), _connector='OR'), name='draft_dispute_explained'),
        ),
        migrations.AddConstraint(
            model_name='clauseversion',
            constraint=models.UniqueConstraint(fields=('draft', 'label'), name='clause_label_unique_in_draft'),
        ),
        migrations.AddConstraint(
            model_name='clauseversion',
            constraint=models.UniqueConstraint(fields=('draft', 'clause'), name='clause_once_per_draft'),
        ),
        migrations.AddConstraint(
            model_name='clauseversion',
            constraint=models.CheckConstraint(condition=models.Q(('label__regex', '^[0-9A-Za-z][0-9A-Za-z.-]{0,19}$')), name='clause_label_is_url_safe'),
        ),
        migrations.AddConstraint(
            model_name='clauseversion',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('basis', 'unknown'), ('text', '')), models.Q(models.Q(('basis', 'unknown'), _negated=True), models.Q(('text', ''), _negated=True)), _connector='OR'), name='clause_text_present_unless_unknown'),
        ),
        migrations.AddConstraint(
            model_name='clauseversion',
            constraint=models.CheckConstraint(condition=models.Q(('disputed', False), models.Q(('dispute_note', ''), _negated=True), _connector='OR'), name='clause_dispute_explained'),
        ),
        migrations.RunPython(
            _step("0002_editors_group", "create_editors_group"),
            _step("0002_editors_group", "remove_editors_group"),
        ),
        migrations.RunPython(
            _step("0003_draft_editorial_state", "publish_existing_drafts"),
            migrations.RunPython.noop,
        ),
        migrations.RunPython(
            _step("0004_editorial_permissions", "grant_editorial_permissions"),
            migrations.RunPython.noop,
        ),
        migrations.RunPython(
            _step("0005_second_edition", "grant_editors_the_new_records"),
            migrations.RunPython.noop,
        ),
        migrations.RunPython(
            _step("0006_search_vectors", "add_vectors"),
            _step("0006_search_vectors", "drop_vectors"),
            elidable=False,
        ),
        migrations.RunPython(
            _step("0010_clause_search_vector", "add_vector"),
            _step("0010_clause_search_vector", "drop_vector"),
            elidable=False,
        ),
    ]
