"""nbgrader's settings for this course folder: run the nbgrader commands from assignments/ (README.md)."""

c = get_config()  # noqa: F821 (nbgrader defines get_config when it reads this file)

# The course's id in nbgrader's exchange, which release_assignment and collect use on JupyterHub:
# give it your course's id.
c.CourseDirectory.course_id = "class-weights-lab"

# What the students' version shows in place of a solution, in both languages (one setting serves both).
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE（在這裡寫你的程式碼）\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE（請在這裡寫你的答案）"

# The notebook trains two small networks on a CPU in seconds; a busy server gets more time per cell.
c.Execute.timeout = 120
