from django.urls import path

from shuxiang.readers import session_views, views

app_name = "readers"
urlpatterns = [
    path("join/", views.join, name="join"),
    path("me/", views.me, name="me"),
    path("me/export.json", views.export_my_data, name="export"),
    path("me/delete/", views.delete_my_data, name="delete"),
    path("me/sign-out/", session_views.sign_out, name="sign_out"),
    path("key/<str:key>/", views.sign_in_with_key, name="sign_in_with_key"),
    path("activity/<int:activity_id>/", views.activity_signup, name="activity"),
    path("r/<str:token>/", views.registration, name="registration"),
    path("r/<str:token>/event.ics", views.registration_ics, name="registration_ics"),
    path("r/<str:token>/qr.png", views.registration_qr, name="registration_qr"),
    path("r/<str:token>/cancel/", views.registration_cancel, name="registration_cancel"),
    path("t/sessions/<int:session_id>/signup/", views.signup_by_token, name="signup_by_token"),
    path("t/ping/", views.ping, name="ping"),
    path("staff/check-in/", views.check_in, name="check_in"),
    path("staff/readers/new/", views.desk_new_reader, name="desk_new_reader"),
    path("staff/activity/<int:activity_id>/", views.staff_activity, name="staff_activity"),
    path("staff/activity/<int:activity_id>/cards/", views.card_drive, name="card_drive"),
]
