"""An agency's membership of a board becomes a record of its own (board, agency, from, until,
statutory partner, main contact). Agencies were shared by every board of the installation, so
every existing agency becomes a member of every existing board with the values it had; people
are recorded for every existing board. An installation with one board (the demo) keeps exactly
what it had. Names and short names are then unique within each board, not across boards."""

import django.db.models.deletion
from django.db import migrations, models


def memberships_from_agencies(apps, schema_editor):
    Board = apps.get_model("partners", "Board")
    Partner = apps.get_model("partners", "Partner")
    Person = apps.get_model("partners", "Person")
    BoardMembership = apps.get_model("partners", "BoardMembership")
    boards = list(Board.objects.all())
    BoardMembership.objects.bulk_create(
        BoardMembership(
            board=board,
            partner=partner,
            started_on=partner.membership_started_on,
            ended_on=partner.membership_ended_on,
            is_statutory=partner.is_statutory,
            main_contact_id=partner.main_contact_id,
        )
        for partner in Partner.objects.all()
        for board in boards
    )
    Through = Person.boards.through
    Through.objects.bulk_create(
        Through(person_id=person_id, board_id=board.pk)
        for person_id in Person.objects.values_list("pk", flat=True)
        for board in boards
    )


def agencies_from_memberships(apps, schema_editor):
    """Backwards: the agency takes its values from its membership of the first board it belongs to."""
    BoardMembership = apps.get_model("partners", "BoardMembership")
    seen = set()
    for membership in BoardMembership.objects.select_related("partner").order_by("partner_id", "board_id"):
        if membership.partner_id in seen:
            continue
        seen.add(membership.partner_id)
        partner = membership.partner
        partner.membership_started_on = membership.started_on
        partner.membership_ended_on = membership.ended_on
        partner.is_statutory = membership.is_statutory
        partner.main_contact_id = membership.main_contact_id
        partner.save()


class Migration(migrations.Migration):

    dependencies = [
        ('partners', '0004_board_short_name_safe_in_file_names'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='board',
            options={'ordering': ['name'], 'verbose_name': 'board', 'verbose_name_plural': 'boards'},
        ),
        migrations.CreateModel(
            name='BoardMembership',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('started_on', models.DateField(blank=True, null=True, verbose_name='member from')),
                ('ended_on', models.DateField(blank=True, null=True, verbose_name='member until')),
                ('is_statutory', models.BooleanField(default=False, help_text='A partner the law requires to be a member.', verbose_name='statutory partner')),
            ],
            options={
                'verbose_name': 'agency membership',
                'ordering': ['board', 'partner__name'],
            },
        ),
        migrations.AddField(
            model_name='person',
            name='boards',
            field=models.ManyToManyField(blank=True, help_text='The boards this person is recorded for; only they see the person.', related_name='people', to='partners.board'),
        ),
        migrations.AddField(
            model_name='user',
            name='last_board',
            field=models.ForeignKey(blank=True, help_text='The board chosen last in the header: the one they start in at their next sign-in.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='partners.board', verbose_name='working in'),
        ),
        migrations.AlterField(
            model_name='user',
            name='boards',
            field=models.ManyToManyField(blank=True, help_text='The boards this person works for.', related_name='users', to='partners.board'),
        ),
        migrations.AddField(
            model_name='boardmembership',
            name='board',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='agency_memberships', to='partners.board'),
        ),
        migrations.AddField(
            model_name='boardmembership',
            name='main_contact',
            field=models.ForeignKey(blank=True, help_text='The person the board writes to first about this agency.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='partners.person'),
        ),
        migrations.AddField(
            model_name='boardmembership',
            name='partner',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='board_memberships', to='partners.partner', verbose_name='agency'),
        ),
        migrations.AddConstraint(
            model_name='boardmembership',
            constraint=models.UniqueConstraint(fields=('board', 'partner'), name='agency_member_once_per_board'),
        ),
        migrations.AddConstraint(
            model_name='boardmembership',
            constraint=models.CheckConstraint(condition=models.Q(('ended_on__isnull', True), ('started_on__isnull', True), ('ended_on__gte', models.F('started_on')), _connector='OR'), name='agency_membership_dates_in_order', violation_error_message='Membership cannot end before it starts.'),
        ),
        migrations.RunPython(memberships_from_agencies, agencies_from_memberships),
        migrations.RemoveConstraint(
            model_name='partner',
            name='partner_membership_dates_in_order',
        ),
        migrations.RemoveField(
            model_name='partner',
            name='is_statutory',
        ),
        migrations.RemoveField(
            model_name='partner',
            name='main_contact',
        ),
        migrations.RemoveField(
            model_name='partner',
            name='membership_ended_on',
        ),
        migrations.RemoveField(
            model_name='partner',
            name='membership_started_on',
        ),
        migrations.AlterField(
            model_name='partner',
            name='name',
            field=models.CharField(max_length=200),
        ),
        migrations.AlterField(
            model_name='partner',
            name='short_name',
            field=models.CharField(help_text='The name the report and tables use, shorter than the full name ("Police", "NHS Trust").', max_length=60),
        ),
    ]
