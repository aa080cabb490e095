"""Credentials: argon2 password hashes and random API tokens stored as sha256 digests."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forcegen.service.accounts.credentials import (
    hash_password,
    hash_token,
    new_token,
    verify_password,
)

PASSWORD = "correct horse battery staple"


class TestPasswords:
    def test_a_password_verifies_against_its_own_hash(self) -> None:
        password_hash = hash_password(PASSWORD)

        assert verify_password(PASSWORD, password_hash)

    def test_a_wrong_password_does_not_verify(self) -> None:
        password_hash = hash_password(PASSWORD)

        assert not verify_password("correct horse battery stapler", password_hash)

    def test_hashes_are_argon2id_salted_and_never_contain_the_password(self) -> None:
        first, second = hash_password(PASSWORD), hash_password(PASSWORD)

        assert first.startswith("$argon2id$")
        assert first != second
        assert PASSWORD not in first

    def test_a_corrupt_hash_fails_verification_instead_of_raising(self) -> None:
        assert not verify_password(PASSWORD, "not-a-hash")
        assert not verify_password(PASSWORD, "")

    @pytest.mark.parametrize(
        "password",
        ["plain ascii phrase", "Ça déménage à Kyiv", "пароль надійний", "安全保障 🛡️ 2025"],
        ids=["ascii", "accents", "cyrillic", "cjk-emoji"],
    )
    def test_any_unicode_password_round_trips(self, password: str) -> None:
        assert verify_password(password, hash_password(password))


class TestTokens:
    def test_a_token_carries_at_least_128_bits_and_is_url_safe(self) -> None:
        token = new_token()

        assert re.fullmatch(r"[A-Za-z0-9_-]+", token)
        assert len(token) * 6 >= 128  # base64url: 6 bits per character

    def test_tokens_do_not_repeat(self) -> None:
        tokens = {new_token() for _ in range(1000)}

        assert len(tokens) == 1000

    def test_a_token_hash_is_a_stable_sha256_hex_digest(self) -> None:
        token = new_token()

        digest = hash_token(token)

        assert re.fullmatch(r"[0-9a-f]{64}", digest)
        assert hash_token(token) == digest
        assert token not in digest

    @given(first=st.text(min_size=1), second=st.text(min_size=1))
    def test_different_tokens_have_different_hashes(self, first: str, second: str) -> None:
        assert (hash_token(first) == hash_token(second)) == (first == second)
