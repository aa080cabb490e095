"""Joint responses: members endorse, reserve on named questions, or reject a group's answer."""
