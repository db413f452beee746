# Joins the meetings migration (kept as 0006_meetings: the funds app's first migration depends on
# it by name) with the map and subscription migrations that reached main in parallel (on main
# both of those still start from 0005, so they are joined here as well).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0006_map_coordinates"),
        ("participation", "0006_meetings"),
        ("participation", "0007_subscriptions_registrations"),
    ]

    operations = []
