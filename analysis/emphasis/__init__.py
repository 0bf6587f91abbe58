"""Which words and topics each outlet leans on: keywords, topics, overview."""
