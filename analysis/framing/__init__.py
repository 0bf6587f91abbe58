"""How outlets frame the story's actors: stance, tone and mention roles."""
