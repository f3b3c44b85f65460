from django.urls import path

from shuxiang.activities import views

app_name = "activities"
urlpatterns = [
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("new/<int:campaign_pk>/", views.activity_create, name="create"),
    path("<int:pk>/edit/", views.activity_edit, name="edit"),
    path("<int:pk>/status/", views.activity_status, name="status"),
    path("<int:pk>/media/", views.media_add, name="media"),
    path("<int:pk>/photos/", views.photo_add, name="photos"),
    path("<int:pk>/photos/<int:photo_pk>/", views.photo_image, name="photo_image"),
    path("<int:pk>/photos/<int:photo_pk>/delete/", views.photo_delete, name="photo_delete"),
]
