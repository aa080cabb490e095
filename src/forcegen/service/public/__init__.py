"""The public record: positions and reported pledges with their citations, in and out."""
