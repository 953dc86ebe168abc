from django import forms


class TokenForm(forms.Form):
    token = forms.CharField(
        label="6-digit code from your authenticator app",
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
        allowed, _ = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                "Too many wrong codes in a row. Wait a few seconds, then enter the "
                "newest code."
            )
        if not token.isdigit() or not self.device.verify_token(token):
            raise forms.ValidationError(
                "That code did not match. Check the time on your phone and enter "
                "the newest 6-digit code."
            )
        return token
