"""Django admin for users, areas and area roles."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Area, AreaRole, CityRole, User


class AreaRoleInline(admin.TabularInline):
    model = AreaRole
    extra = 1
    autocomplete_fields = ["area"]


class CityRoleInline(admin.TabularInline):
    model = CityRole
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_superuser", "is_active"]
    list_filter = ["is_staff", "is_superuser", "is_active", "area_memberships__role"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [AreaRoleInline, CityRoleInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]


class AreaMemberInline(admin.TabularInline):
    model = AreaRole
    extra = 1
    autocomplete_fields = ["user"]
    verbose_name = _("member")
    verbose_name_plural = _("members and roles")


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "programme", "is_public", "comments_premoderated"]
    list_filter = ["is_public", "programme", "city", "comments_premoderated"]
    search_fields = ["name", "city", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AreaMemberInline]


@admin.register(AreaRole)
class AreaRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "area", "role"]
    list_filter = ["role", "area"]
    search_fields = ["user__email", "area__name"]
    autocomplete_fields = ["user", "area"]
    list_select_related = ["user", "area"]
