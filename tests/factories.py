"""factory_boy factories for every app's models; import them explicitly in tests."""

import factory
from django.contrib.auth import get_user_model

from ihk.models import Area, AreaRole, Role

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Quartier {n}")
    slug = factory.Sequence(lambda n: f"quartier-{n}")
    city = "Musterstadt"
    is_public = True
    description = "Ein Wohnquartier im Programm Sozialer Zusammenhalt."


class AreaRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AreaRole

    user = factory.SubFactory(UserFactory)
    area = factory.SubFactory(AreaFactory)
    role = Role.MANAGER
