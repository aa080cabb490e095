"""Joint responses in the web app: the endorsement page of a group's answer."""
