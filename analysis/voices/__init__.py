"""Who is quoted: quotes, speakers and share of voice."""
