import factory
from django.contrib.auth import get_user_model

from gongkai.org.models import Agency, Membership, Unit

PASSWORD = "Gongkai@2026"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"示例机关{n}")
    code = factory.Sequence(lambda n: f"AG{n:04d}")
    level = "county"
    kind = "department"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"第{n}股")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"工作人员{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create and results:
            instance.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = "info_officer"
