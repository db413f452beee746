"""URLs of the funds app, mounted by ihk/urls.py under /areas/<area_slug>/.

Public: ``fund/`` (call, rules, budget left, funded projects), ``fund/<year>/apply/`` and the
applicant's private pages ``fund/application/<key>/``. Internal: ``funds/…`` and
``fund-applications/<pk>/…``.
"""

from django.urls import path

from . import applicant_views, application_views, public_views, views

app_name = "funds"

LINK = "fund/application/<str:token>/"
APP = "fund-applications/<int:pk>/"

urlpatterns = [
    # Residents
    path("fund/", public_views.PublicFundView.as_view(), name="public_fund_latest"),
    path("fund/<int:year>/", public_views.PublicFundView.as_view(), name="public_fund"),
    path("fund/<int:year>/apply/", public_views.ApplyView.as_view(), name="apply"),
    path("fund/<int:year>/apply/sent/", public_views.ApplySentView.as_view(), name="apply_sent"),
    # Applicants, through their private link
    path(LINK, applicant_views.ApplicantHomeView.as_view(), name="applicant_home"),
    path(f"{LINK}confirm/", applicant_views.ConfirmView.as_view(), name="applicant_confirm"),
    path(f"{LINK}edit/", applicant_views.EditView.as_view(), name="applicant_edit"),
    path(f"{LINK}submit/", applicant_views.SubmitView.as_view(), name="applicant_submit"),
    path(f"{LINK}withdraw/", applicant_views.WithdrawView.as_view(), name="applicant_withdraw"),
    path(
        f"{LINK}questions/<int:question_pk>/answer/",
        applicant_views.AnswerView.as_view(),
        name="applicant_answer",
    ),
    path(f"{LINK}upload/", applicant_views.UploadView.as_view(), name="applicant_upload"),
    path(
        f"{LINK}documents/<int:document_pk>/",
        applicant_views.DocumentView.as_view(),
        name="applicant_document",
    ),
    path(f"{LINK}proof/", applicant_views.ProofView.as_view(), name="applicant_proof"),
    path(f"{LINK}letter.pdf", applicant_views.LetterView.as_view(), name="applicant_letter"),
    # Quarter management and city staff
    path("funds/", views.FundListView.as_view(), name="fund_list"),
    path("funds/new/", views.FundFormView.as_view(), name="fund_create"),
    path("funds/<int:pk>/", views.FundDetailView.as_view(), name="fund_detail"),
    path("funds/<int:pk>/edit/", views.FundFormView.as_view(), name="fund_update"),
    path("funds/<int:pk>/export.xlsx", views.FundExportView.as_view(), name="fund_export"),
    path(
        "funds/<int:pk>/applications/new/",
        views.PaperApplicationView.as_view(),
        name="fund_paper_application",
    ),
    path(APP, application_views.ApplicationDetailView.as_view(), name="application_detail"),
    path(f"{APP}edit/", application_views.EditView.as_view(), name="application_update"),
    path(
        f"{APP}checklist/",
        application_views.ChecklistView.as_view(),
        name="application_checklist",
    ),
    path(
        f"{APP}questions/",
        application_views.QuestionView.as_view(),
        name="application_question",
    ),
    path(f"{APP}upload/", application_views.UploadView.as_view(), name="application_upload"),
    path(
        f"{APP}documents/<int:document_pk>/",
        application_views.DocumentView.as_view(),
        name="application_document",
    ),
    path(f"{APP}agenda/", application_views.AgendaView.as_view(), name="application_agenda"),
    path(
        f"{APP}decision/",
        application_views.DecisionView.as_view(),
        name="application_decision",
    ),
    path(
        f"{APP}decisions/<int:decision_pk>/letter.pdf",
        application_views.LetterView.as_view(),
        name="application_letter",
    ),
    path(f"{APP}payouts/", application_views.PayoutView.as_view(), name="application_payout"),
    path(f"{APP}proof/", application_views.ProofCheckView.as_view(), name="application_proof"),
    path(f"{APP}erase/", application_views.EraseView.as_view(), name="application_erase"),
]
