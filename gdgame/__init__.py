"""gdgame: a game and visualizer that teaches gradient descent."""
