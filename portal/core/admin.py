from django.contrib.gis import admin

from portal.core.models import ContactMessage, Department, District


@admin.register(District)
class DistrictAdmin(admin.GISModelAdmin):
    list_display = ("number", "name", "population")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "email")
    list_filter = ("kind",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "topic", "forwarded_at")
    list_filter = ("topic",)
    readonly_fields = ("created_at", "forwarded_at", "language")
