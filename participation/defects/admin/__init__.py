"""The defect reporter's staff side in the Wagtail admin ("Mängelmelder" menu).

Reference data as model viewsets; reports through views that call only the services and the
staff selectors; every permission is a django-rules rule.
"""
